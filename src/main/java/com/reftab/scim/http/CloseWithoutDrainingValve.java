package com.reftab.scim.http;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a body was refused before or while it was read ({@link #markBodyRefused}), Tomcat closes
 * the connection right after the answer instead of first reading the rest of the body: it would
 * otherwise drain up to max-swallow-size, waiting up to the connection timeout for a client that
 * may never send it. Only marked requests: on any other answer the error state this sets would
 * make Tomcat cut a chunked answer short (a readiness 503, say).
 */
class CloseWithoutDrainingValve extends ValveBase {

    private static final String BODY_REFUSED = CloseWithoutDrainingValve.class.getName() + ".bodyRefused";

    CloseWithoutDrainingValve() {
        super(true);
    }

    /** Called by the filter that answered without reading the whole body; the answer says Connection: close. */
    static void markBodyRefused(ServletRequest request) {
        request.setAttribute(BODY_REFUSED, Boolean.TRUE);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (!request.isAsync() && Boolean.TRUE.equals(request.getAttribute(BODY_REFUSED))) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
