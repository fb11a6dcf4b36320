package com.reftab.scim.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Turns a {@link DownloadReply} into the HTTP answer, dropping request headers as {@link JsonReplyWriter} does. */
@Component("downloadReplyWriter")
public class DownloadReplyWriter implements Processor {

    private final RequestLog requestLog;

    public DownloadReplyWriter(RequestLog requestLog) {
        this.requestLog = requestLog;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        DownloadReply reply = message.getMandatoryBody(DownloadReply.class);
        String requestId = requestLog.record(exchange, 200);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(RequestLog.HEADER, requestId);
        message.setHeader(Exchange.CONTENT_TYPE, reply.mediaType());
        message.setHeader("Content-Disposition", "attachment; filename=\"" + reply.fileName() + "\"");
        message.setBody(reply.content());
    }
}
