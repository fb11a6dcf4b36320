package com.reftab.scim.http;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

/** Writes a {@link JsonReply} straight to the servlet response, for refusals made before any route runs. */
class ServletReplyWriter {

    private final ObjectMapper mapper;

    ServletReplyWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(HttpServletResponse response, JsonReply reply) throws IOException {
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        if (reply.body() != null) {
            response.setContentType(reply.mediaType());
            mapper.writeValue(response.getOutputStream(), reply.body());
        }
    }
}
