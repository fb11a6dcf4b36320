package com.reftab.scim.http;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.resources.ScimLimits;

/**
 * Reads the request body once, as bytes, and refuses it when it is over the advertised limit.
 * A declared oversize body was already refused by the web filter; this covers chunked bodies.
 */
@Component("requestGuard")
public class RequestGuard implements Processor {

    private final long maxBodyBytes;

    public RequestGuard(ScimLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
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
