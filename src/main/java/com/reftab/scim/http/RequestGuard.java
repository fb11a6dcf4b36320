package com.reftab.scim.http;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import com.reftab.scim.protocol.ScimException;

/**
 * Reads the request body once, as bytes, and refuses it when it is over the advertised limit.
 * A declared oversize body was already refused by the web filter; this covers chunked bodies.
 */
@Component("requestGuard")
public class RequestGuard implements Processor {

    private final long maxBodyBytes;

    public RequestGuard(@Value("${reftab.scim.max-body-bytes:1048576}") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body != null && body.length > maxBodyBytes) {
            throw new ScimException(413, null, "The request body is larger than " + maxBodyBytes + " bytes.");
        }
        exchange.getMessage().setBody(body);
    }
}
