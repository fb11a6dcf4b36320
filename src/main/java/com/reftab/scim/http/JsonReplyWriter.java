package com.reftab.scim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link JsonReply} body into the HTTP answer, logged by {@link RequestLog}. Every request
 * header is dropped first: Camel would otherwise echo them (path parameters, the Authorization
 * header) back to the client.
 */
@Component("jsonReplyWriter")
public class JsonReplyWriter implements Processor {

    private final ObjectMapper mapper;
    private final RequestLog requestLog;

    public JsonReplyWriter(ObjectMapper mapper, RequestLog requestLog) {
        this.mapper = mapper;
        this.requestLog = requestLog;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        write(exchange.getMessage(), exchange.getMessage().getMandatoryBody(JsonReply.class));
    }

    void write(Message message, JsonReply reply) throws Exception {
        String requestId = requestLog.record(message.getExchange(), reply.status());
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        message.setHeader(RequestLog.HEADER, requestId);
        reply.headers().forEach(message::setHeader);
        if (reply.streamed() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, reply.mediaType());
            // An InputStream body is copied to the client as it is read, in chunked transfer encoding.
            message.setBody(new ChunkedContent(reply.streamed().chunks(mapper)));
            return;
        }
        if (reply.body() == null) {
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, reply.mediaType());
        message.setBody(mapper.writeValueAsBytes(reply.body()));
    }
}
