package com.reftab.scim.http;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.scim.ScimCall;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One structured line and one timer sample per API request: request id, tenant, operation (the
 * route), status and latency. Never the token, the body or anything else the client sent.
 * The request id is the client's {@code X-Request-Id} when it is a plain token, else a new one.
 */
@Component
public class RequestLog {

    public static final String HEADER = "X-Request-Id";
    private static final Logger LOG = LoggerFactory.getLogger("reftab.requests");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final MeterRegistry registry;

    public RequestLog(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @return the request id to answer with */
    String record(Exchange exchange, int status) {
        String offered = exchange.getMessage().getHeader(HEADER, String.class);
        String requestId = offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ScimCall call = exchange.getProperty(BearerAuthenticator.CALL, ScimCall.class);
        String tenant = call == null || call.tenantId() == null ? "-" : call.tenantId();
        String operation = operation(exchange);
        long millis = exchange.getClock().elapsed();
        Timer.builder("reftab.api.requests")
                .description("API requests by operation and status")
                .tag("operation", operation)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(Duration.ofMillis(millis));
        LOG.info("request_id={} tenant={} operation={} status={} latency_ms={}", requestId, tenant, operation, status, millis);
        return requestId;
    }

    private static String operation(Exchange exchange) {
        String route = exchange.getFromRouteId();
        if (route == null) {
            return "unknown";
        }
        return route.startsWith("rest-") ? route.substring("rest-".length()) : route;
    }
}
