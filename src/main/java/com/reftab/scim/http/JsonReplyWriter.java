package com.reftab.scim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link JsonReply} body into the HTTP answer. Every request header is dropped first:
 * Camel would otherwise echo them (path parameters, the Authorization header) back to the client.
 */
@Component("jsonReplyWriter")
public class JsonReplyWriter implements Processor {

    private final ObjectMapper mapper;

    public JsonReplyWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        write(exchange.getMessage(), exchange.getMessage().getMandatoryBody(JsonReply.class));
    }

    void write(Message message, JsonReply reply) throws Exception {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        reply.headers().forEach(message::setHeader);
        if (reply.body() == null) {
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, reply.mediaType());
        message.setBody(mapper.writeValueAsBytes(reply.body()));
    }
}
