package com.reftab.scim.http;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * When an answer says {@code Connection: close} (a body refused before or while it was read),
 * Tomcat closes the connection right after it instead of first reading the rest of the body:
 * it would otherwise drain up to max-swallow-size, waiting up to the connection timeout for a
 * client that may never send it.
 */
class CloseWithoutDrainingValve extends ValveBase {

    CloseWithoutDrainingValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (!request.isAsync() && "close".equalsIgnoreCase(response.getHeader("Connection"))) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
