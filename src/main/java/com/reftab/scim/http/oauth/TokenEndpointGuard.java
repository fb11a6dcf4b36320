package com.reftab.scim.http.oauth;

import com.reftab.scim.http.BoundedBody;
import com.reftab.scim.oauth.OAuthSettings;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds a token request before Spring Authorization Server sees it, so a flood costs no secret
 * hash and no JWKS fetch. Any path under {@code /oauth2/} but a tenant's token endpoint and JWKS,
 * matched on the decoded path, is no endpoint (404) before any work: Spring Authorization Server
 * authenticates clients on its other endpoints too. A body larger than
 * {@code reftab.oauth.token-request-max-bytes} (or of undeclared length) is refused unread (413);
 * the source address must be within {@code reftab.oauth.rate-limit} (429 with Retry-After); at most
 * {@code reftab.oauth.max-token-requests-in-flight} token requests are worked on at once (503 with
 * Retry-After); the body is read whole within {@code reftab.oauth.token-request-timeout} (408, the
 * connection closed), so a client trickling its body cannot keep a request thread, and Spring
 * Authorization Server reads the buffered copy; then the client id (from HTTP Basic or the form)
 * must be within the rate limit too, its bucket kept per source address so that another source
 * cannot spend it. Every refusal is an RFC 6749 error JSON. The buckets of at most
 * {@value #MAX_BUCKETS} sources and as many client ids and sources are kept, the least recently
 * used dropped.
 */
public class TokenEndpointGuard extends OncePerRequestFilter {

    static final int MAX_BUCKETS = 10_000;
    /** What the authorization server serves; its other endpoints (introspect, revoke, authorize...) are none of ours. */
    private static final Pattern TENANT_TOKEN_ENDPOINT = Pattern.compile("/oauth2/tenants/[a-z0-9-]+/oauth2/token");
    private static final Pattern TENANT_JWKS = Pattern.compile("/oauth2/tenants/[a-z0-9-]+/oauth2/jwks");

    private final OAuthSettings settings;
    private final Map<String, Bucket> bySource = boundedMap();
    private final Map<String, Bucket> byClient = boundedMap();
    private final Semaphore inFlight;
    private final BoundedBody bodies;

    public TokenEndpointGuard(OAuthSettings settings) {
        this(settings, InstantSource.system());
    }

    TokenEndpointGuard(OAuthSettings settings, InstantSource clock) {
        this.settings = settings;
        this.inFlight = new Semaphore(settings.maxTokenRequestsInFlight());
        this.bodies = new BoundedBody(settings.tokenRequestMaxBytes(), settings.tokenRequestTimeout(), clock);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        if (TENANT_JWKS.matcher(path).matches()) {
            chain.doFilter(request, response);
            return;
        }
        if (!TENANT_TOKEN_ENDPOINT.matcher(path).matches()) {
            // Before any work: Spring Authorization Server would authenticate a client on its other endpoints.
            refuse(response, 404, "invalid_request", "No such endpoint: a tenant's token endpoint is {issuer}/oauth2/token"
                    + " and its keys {issuer}/oauth2/jwks, with the issuer {base}/oauth2/tenants/{tenant}.", null, true);
            return;
        }
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && request.getHeader("Transfer-Encoding") != null;
        if (length > settings.tokenRequestMaxBytes() || chunked) {
            refuse(response, 413, "invalid_request", "A token request is at most " + settings.tokenRequestMaxBytes()
                    + " bytes, with its length declared (reftab.oauth.token-request-max-bytes).", null, true);
            return;
        }
        if (!admit(bySource, request.getRemoteAddr(), response, "from this address")) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            refuse(response, 503, "temporarily_unavailable", "This instance is working on its limit of "
                    + settings.maxTokenRequestsInFlight() + " token requests at once"
                    + " (reftab.oauth.max-token-requests-in-flight); retry after 1 s.", 1L, true);
            return;
        }
        try {
            byte[] body;
            try {
                body = bodies.read(request.getInputStream());
            } catch (BoundedBody.Refused refused) {
                String bound = refused.status() == 408 ? " (reftab.oauth.token-request-timeout)" : " (reftab.oauth.token-request-max-bytes)";
                refuse(response, refused.status(), "invalid_request", refused.getMessage() + bound, null, true);
                return;
            }
            HttpServletRequest buffered = new BufferedTokenRequest(request, body);
            String clientId = clientId(buffered);
            // Keyed by the source too: whoever knows a client id (no secret) must not empty the real client's bucket.
            if (clientId != null && !admit(byClient, clientId + " " + request.getRemoteAddr(), response,
                    "for this client from this address")) {
                return;
            }
            chain.doFilter(buffered, response);
        } finally {
            inFlight.release();
        }
    }

    private boolean admit(Map<String, Bucket> buckets, String key, HttpServletResponse response, String whose) throws IOException {
        OAuthSettings.RateLimit limit = settings.rateLimit();
        if (limit.perMinute() <= 0) {
            return true;
        }
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(Math.max(1, limit.burst()))
                            .refillGreedy(limit.perMinute(), Duration.ofMinutes(1)).build())
                    .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        refuse(response, 429, "temporarily_unavailable", "Token requests " + whose + " are over their rate limit of "
                + limit.perMinute() + " a minute with bursts of " + limit.burst() + " (reftab.oauth.rate-limit); retry after "
                + seconds + " s.", seconds, true);
        return false;
    }

    /** The client id a request names, from HTTP Basic or the form (already bounded in size). */
    private static String clientId(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        String fromForm = request.getParameter("client_id");
        return fromForm == null || fromForm.length() > 256 ? null : fromForm;
    }

    private static void refuse(HttpServletResponse response, int status, String error, String description, Long retryAfter,
                               boolean close) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
        }
        if (close) {
            // The body is left unread: the connection cannot carry another request.
            response.setHeader("Connection", "close");
        }
        response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"" + description.replace("\"", "'") + "\"}");
        // Committed now: the server's error pages would otherwise put a SCIM error in its place.
        response.flushBuffer();
    }

    /** The decoded, normalised path the server routes by: the raw URI could spell the same endpoint otherwise. */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? servletPath : servletPath + pathInfo;
    }

    private static Map<String, Bucket> boundedMap() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_BUCKETS;
            }
        };
    }
}
