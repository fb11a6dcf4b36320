package com.reftab.scim.http;

import com.reftab.scim.faults.ScimErrors;
import com.reftab.scim.oauth.InvalidAccessToken;
import com.reftab.scim.protocol.ScimError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Answers any failure as a SCIM Error ({@link ScimErrors}). */
@Component("errorReplyWriter")
public class ErrorReplyWriter implements Processor {

    public static final String ERROR_SCHEMA = ScimError.SCHEMA;

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
        ScimError error = ScimErrors.of(cause);
        JsonReply reply = JsonReply.scim(error.status(), error.body());
        if (error.retryAfterSeconds() != null) {
            reply = reply.withHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        if (error.status() == 405) {
            // Only a read-only resource refuses a method itself (ScimException.methodNotAllowed).
            reply = reply.withHeader("Allow", "GET");
        }
        if (cause instanceof InvalidAccessToken invalid) {
            return reply.withHeader("WWW-Authenticate", invalid.challenge());
        }
        return error.status() == 401 ? reply.withHeader("WWW-Authenticate", "Bearer realm=\"reftab-scim\"") : reply;
    }

    public static JsonReply errorReply(int status, String scimType, String detail) {
        return JsonReply.scim(status, new ScimError(status, scimType, detail, null).body());
    }
}
