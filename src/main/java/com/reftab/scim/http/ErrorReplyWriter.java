package com.reftab.scim.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.faults.TransientFailure;
import com.reftab.scim.protocol.ScimException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers any failure as a SCIM Error. Expected refusals carry their own status; anything else is
 * logged here with its stack trace and answered with a bare 500, so no internals reach the client.
 */
@Component("errorReplyWriter")
public class ErrorReplyWriter implements Processor {

    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplyWriter.class);

    private final JsonReplyWriter writer;

    public ErrorReplyWriter(JsonReplyWriter writer) {
        this.writer = writer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        writer.write(exchange.getMessage(), replyFor(cause));
    }

    public static JsonReply replyFor(Throwable cause) {
        if (cause instanceof ScimException e) {
            JsonReply reply = errorReply(e.status(), e.scimType(), e.detail());
            if (e.retryAfterSeconds() != null) {
                reply = reply.withHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            return e.status() == 401 ? reply.withHeader("WWW-Authenticate", "Bearer realm=\"reftab-scim\"") : reply;
        }
        if (TransientFailure.isTransient(cause)) {
            LOG.warn("Database unavailable: {}", cause.getMessage());
            return errorReply(503, null, "The directory is temporarily unavailable; retry later.")
                    .withHeader("Retry-After", "5");
        }
        LOG.error("Unexpected failure while handling a request", cause);
        return errorReply(500, null, "The server could not complete the request.");
    }

    public static JsonReply errorReply(int status, String scimType, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(ERROR_SCHEMA);
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        body.put("status", Integer.toString(status));
        return JsonReply.scim(status, body);
    }
}
