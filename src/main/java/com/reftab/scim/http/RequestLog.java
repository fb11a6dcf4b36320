package com.reftab.scim.http;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import com.reftab.scim.auth.Admission;
import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.protocol.ScimCall;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One structured line and one timer sample per API request: request id, tenant, operation (the
 * route), status and latency. Never the token, the body or anything else the client sent.
 * The request id is the client's {@code X-Request-Id} when it is a plain token, else a new one.
 * A request the web filters answer before any route runs is logged the same way, under the
 * operation its route has ({@link RouteOperations}).
 */
@Component
public class RequestLog {

    public static final String HEADER = "X-Request-Id";
    private static final Logger LOG = LoggerFactory.getLogger("reftab.requests");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String STARTED = RequestLog.class.getName() + ".started";

    private final MeterRegistry registry;
    private final RouteOperations operations;

    public RequestLog(MeterRegistry registry, RouteOperations operations) {
        this.registry = registry;
        this.operations = operations;
        FunctionCounter.builder("reftab.request.log.dropped", RequestLogAppender.class, type -> RequestLogAppender.dropped())
                .description("Request log lines dropped because the log's queue was full")
                .register(registry);
    }

    /** @return the request id to answer with */
    String record(Exchange exchange, int status) {
        ScimCall call = exchange.getProperty(BearerAuthenticator.CALL, ScimCall.class);
        return record(exchange.getMessage().getHeader(HEADER, String.class), call == null ? null : call.tenantId(),
                operation(exchange), status, Duration.ofMillis(exchange.getClock().elapsed()));
    }

    /**
     * For a request answered by a web filter.
     * @param tenantId the tenant, when its token was valid; else null
     * @return the request id to answer with
     */
    String record(HttpServletRequest request, String tenantId, int status) {
        String operation = operations.nameOf(request.getMethod(), pathOf(request));
        return record(request.getHeader(HEADER), tenantId, operation, status, Duration.ofNanos(System.nanoTime() - started(request)));
    }

    /**
     * For a request the web layer answers with an error page after admission (an unknown endpoint's
     * 404, a method's 405): logged under the operation of the path the client asked for, which is
     * {@code unknown} when no route has it.
     * @return the request id to answer with
     */
    String recordErrorPage(HttpServletRequest request, int status) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String requested ? withoutContextPath(request, requested) : pathOf(request);
        String tenantId = AdmittedRequests.of(request).map(Admission::tenantId).orElse(null);
        return record(request.getHeader(HEADER), tenantId, operations.nameOf(request.getMethod(), path), status,
                Duration.ofNanos(System.nanoTime() - started(request)));
    }

    private static String withoutContextPath(HttpServletRequest request, String uri) {
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** Marks when the first web filter saw the request; the latency of an answer a filter gives is counted from there. */
    static long started(ServletRequest request) {
        if (request.getAttribute(STARTED) instanceof Long nanos) {
            return nanos;
        }
        long now = System.nanoTime();
        request.setAttribute(STARTED, now);
        return now;
    }

    /** The path the web layer maps: decoded, normalised, without path parameters. */
    static String pathOf(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    private String record(String offeredId, String tenantId, String operation, int status, Duration latency) {
        String requestId = offeredId != null && SAFE_ID.matcher(offeredId).matches() ? offeredId : UUID.randomUUID().toString();
        String tenant = tenantId == null ? "-" : tenantId;
        Timer.builder("reftab.api.requests")
                .description("API requests by operation and status")
                .tag("operation", operation)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(latency);
        LOG.info("request_id={} tenant={} operation={} status={} latency_ms={}", requestId, tenant, operation, status,
                latency.toMillis());
        return requestId;
    }

    private static String operation(Exchange exchange) {
        String route = exchange.getFromRouteId();
        if (route == null) {
            return RouteOperations.UNKNOWN;
        }
        return route.startsWith("rest-") ? route.substring("rest-".length()) : route;
    }
}
