package com.reftab.scim.http;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes a {@link JsonReply} straight to the servlet response, for answers the web filters give
 * before any route runs, and logs it like a routed answer ({@link RequestLog}).
 */
class ServletReplyWriter {

    private final ObjectMapper mapper;
    private final RequestLog requestLog;

    ServletReplyWriter(ObjectMapper mapper, RequestLog requestLog) {
        this.mapper = mapper;
        this.requestLog = requestLog;
    }

    /**
     * Refuses a request whose body was not read, or not all of it: the answer says
     * {@code Connection: close} and the connection is closed right after it, without reading the
     * rest of the body ({@link CloseWithoutDrainingValve}). A client that goes on sending holds
     * nothing of this service.
     * @param tenantId the tenant, when its token was valid; else null
     */
    void refuse(HttpServletRequest request, HttpServletResponse response, JsonReply reply, String tenantId)
            throws IOException {
        if (!declaresBody(request)) {
            // Nothing left unread: a busy tenant's GETs keep their connection.
            send(request, response, reply, tenantId);
            return;
        }
        CloseWithoutDrainingValve.markBodyRefused(request);
        send(request, response, reply.withHeader("Connection", "close"), tenantId);
    }

    private static boolean declaresBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Answers a request whose body, if any, was read whole; the connection stays open for the next. */
    void send(HttpServletRequest request, HttpServletResponse response, JsonReply reply, String tenantId)
            throws IOException {
        String requestId = requestLog.record(request, tenantId, reply.status());
        response.setStatus(reply.status());
        response.setHeader(RequestLog.HEADER, requestId);
        reply.headers().forEach(response::setHeader);
        if (reply.body() != null) {
            response.setContentType(reply.mediaType());
            mapper.writeValue(response.getOutputStream(), reply.body());
        }
    }
}
