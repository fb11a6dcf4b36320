package com.reftab.scim.http;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
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

    private static final int FIRST_STATUS = 100;
    private static final int LAST_STATUS = 599;

    private final MeterRegistry registry;
    private final RouteOperations operations;
    // Each operation's timers by status, found without building a meter id per request. Bounded:
    // operations are the routes' names (or unknown), statuses three digits.
    private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

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
        return record(request.getHeader(HEADER), tenantId, operation, status, sinceStarted(request));
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
                sinceStarted(request));
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

    // The start read first: a request no filter marked starts now (timed at about nothing, but
    // counted), not after the clock was read (a negative latency, which the timer drops).
    private static Duration sinceStarted(HttpServletRequest request) {
        long started = started(request);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The path the web layer maps: decoded, normalised, without path parameters. */
    static String pathOf(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    private String record(String offeredId, String tenantId, String operation, int status, Duration latency) {
        String requestId = offeredId != null && SAFE_ID.matcher(offeredId).matches() ? offeredId : newRequestId();
        String tenant = tenantId == null ? "-" : tenantId;
        timer(operation, status).record(latency);
        LOG.info("request_id={} tenant={} operation={} status={} latency_ms={}", requestId, tenant, operation, status,
                latency.toMillis());
        return requestId;
    }

    private Timer timer(String operation, int status) {
        if (status < FIRST_STATUS || status > LAST_STATUS) {
            return register(operation, status);
        }
        AtomicReferenceArray<Timer> byStatus =
                timers.computeIfAbsent(operation, ignored -> new AtomicReferenceArray<>(LAST_STATUS - FIRST_STATUS + 1));
        Timer timer = byStatus.get(status - FIRST_STATUS);
        if (timer == null) {
            // Two threads may both register: the registry gives both the same timer.
            timer = register(operation, status);
            byStatus.set(status - FIRST_STATUS, timer);
        }
        return timer;
    }

    private Timer register(String operation, int status) {
        return Timer.builder("reftab.api.requests")
                .description("API requests by operation and status")
                .tag("operation", operation)
                .tag("status", Integer.toString(status))
                .register(registry);
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id must be unique, not
     * unguessable, and {@link UUID#randomUUID()} draws every request's from one shared SecureRandom.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xCL << 60)) | (0x8L << 60);
        return new UUID(high, low).toString();
    }

    private static String operation(Exchange exchange) {
        String route = exchange.getFromRouteId();
        if (route == null) {
            return RouteOperations.UNKNOWN;
        }
        return route.startsWith("rest-") ? route.substring("rest-".length()) : route;
    }
}
