package com.reftab.scim.http;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a request answered on its own thread left its body unread, Tomcat closes the connection
 * right after the answer instead of first reading the rest of the body: it would otherwise drain
 * up to max-swallow-size, waiting up to the connection timeout for each next byte of a client that
 * may trickle it for ever, on a request thread. That covers the filters' early refusals
 * ({@link #markBodyRefused}) and any other answer given without the body (a POST to a path that is
 * no endpoint, say). Requests without a body, or whose body was read whole, keep their connection:
 * the error state this sets would otherwise make Tomcat cut a chunked answer short (a readiness
 * 503, say). Requests that reach a route have had their body read whole before.
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
        if (!request.isAsync() && (Boolean.TRUE.equals(request.getAttribute(BODY_REFUSED)) || bodyLeftUnread(request))) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }

    private static boolean bodyLeftUnread(Request request) {
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        boolean declaresBody = coyote.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        return declaresBody && !coyote.isFinished();
    }
}
