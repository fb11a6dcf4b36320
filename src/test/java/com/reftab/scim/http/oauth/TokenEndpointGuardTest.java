package com.reftab.scim.http.oauth;

import com.reftab.scim.oauth.OAuthSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The token endpoint's bounds, met before Spring Authorization Server hashes a secret or fetches a
 * JWKS: the body's size, the rate per source address and per client id, each at the bound.
 */
class TokenEndpointGuardTest {

    private static final String PATH = "/oauth2/tenants/acme/oauth2/token";
    private final AtomicInteger passed = new AtomicInteger();
    private final FilterChain chain = (request, response) -> passed.incrementAndGet();

    private static OAuthSettings settings(int maxBytes, long perMinute, long burst) {
        return settings(maxBytes, perMinute, burst, Duration.ofSeconds(5), 16);
    }

    private static OAuthSettings settings(int maxBytes, long perMinute, long burst, Duration bodyTime, int inFlight) {
        return new OAuthSettings(Duration.ofMinutes(60), 730, 10, 5, maxBytes, bodyTime, inFlight,
                new OAuthSettings.RateLimit(perMinute, burst), Duration.ofDays(30), Duration.ofSeconds(5),
                new OAuthSettings.Jwks(Duration.ofSeconds(3), 65536, Duration.ofMinutes(15), 100, Duration.ofSeconds(30), 4, false), "");
    }

    /** As the server hands it on: the servlet path decoded from the request URI. */
    private static MockHttpServletRequest servletRequest(String method, String decodedPath) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, decodedPath);
        request.setServletPath(decodedPath);
        return request;
    }

    private static MockHttpServletRequest tokenRequest(String source, String form) {
        MockHttpServletRequest request = servletRequest("POST", PATH);
        request.setRemoteAddr(source);
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent(form.getBytes(StandardCharsets.UTF_8));
        // As the web server parses a form body into parameters.
        for (String pair : form.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            request.addParameter(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
        }
        return request;
    }

    private MockHttpServletResponse run(TokenEndpointGuard guard, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        guard.doFilter(request, response, chain);
        return response;
    }

    @Test
    void aBodyAtTheBoundPassesAndOneByteMoreIsRefusedUnread() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(256, 0, 0));
        String atBound = "grant_type=client_credentials&client_id=x&pad=" + "a".repeat(256 - 46);
        assertThat(atBound).hasSize(256);

        assertThat(run(guard, tokenRequest("10.0.0.1", atBound)).getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = run(guard, tokenRequest("10.0.0.1", atBound + "a"));

        assertThat(refused.getStatus()).isEqualTo(413);
        assertThat(refused.getContentAsString()).contains("\"error\":\"invalid_request\"")
                .contains("reftab.oauth.token-request-max-bytes").contains("256");
        assertThat(refused.getHeader("Connection")).isEqualTo("close");
        assertThat(passed).hasValue(1);
    }

    @Test
    void aSourceWithinItsBurstPassesAndTheNextRequestIs429() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 60, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(run(guard, tokenRequest("10.0.0.2", "grant_type=client_credentials&client_id=c" + i)).getStatus()).isEqualTo(200);
        }

        MockHttpServletResponse refused = run(guard, tokenRequest("10.0.0.2", "grant_type=client_credentials&client_id=c9"));

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotNull();
        assertThat(refused.getContentAsString()).contains("reftab.oauth.rate-limit").contains("from this address");
        assertThat(passed).hasValue(3);
    }

    @Test
    void anotherAddressSpendingAClientIdsBucketLeavesTheClientsOwnAddressItsBurst() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 60, 3));
        for (int i = 0; i < 3; i++) {
            run(guard, tokenRequest("10.9.9.9", "grant_type=client_credentials&client_id=entra-client"));
        }
        assertThat(run(guard, tokenRequest("10.9.9.9", "grant_type=client_credentials&client_id=entra-client")).getStatus())
                .isEqualTo(429);

        MockHttpServletResponse real = run(guard, tokenRequest("10.1.1.1", "grant_type=client_credentials&client_id=entra-client"));

        assertThat(real.getStatus()).isEqualTo(200);
    }

    @Test
    void aTokenEndpointOutsideATenantsIssuerIsNone() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 0, 0));
        MockHttpServletRequest request = tokenRequest("10.0.0.3", "grant_type=client_credentials");
        request.setRequestURI("/oauth2/token");
        request.setServletPath("/oauth2/token");

        assertThat(run(guard, request).getStatus()).isEqualTo(404);
        assertThat(passed).hasValue(0);
    }

    @Test
    void aBodyTrickledPastTheWholeBodyDeadlineIs408AndTheConnectionClosed() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 0, 0, Duration.ofSeconds(5), 16), now::get);
        String form = "grant_type=client_credentials&client_id=slow";
        MockHttpServletRequest request = new MockHttpServletRequest("POST", PATH) {
            {
                setServletPath(PATH);
            }

            private int sent;

            @Override
            public ServletInputStream getInputStream() {
                return new ServletInputStream() {
                    @Override
                    public int read() {
                        return sent < form.length() ? form.charAt(sent++) : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        // One byte, each a second after the one before: every read is in time, the whole is not.
                        now.set(now.get().plusSeconds(1));
                        if (sent >= form.length()) {
                            return -1;
                        }
                        b[off] = (byte) form.charAt(sent++);
                        return 1;
                    }

                    @Override
                    public boolean isFinished() {
                        return sent >= form.length();
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                    }
                };
            }
        };
        request.setContentType("application/x-www-form-urlencoded");
        request.addHeader("Content-Length", form.length());

        MockHttpServletResponse refused = run(guard, request);

        assertThat(refused.getStatus()).isEqualTo(408);
        assertThat(refused.getContentAsString()).contains("\"error\":\"invalid_request\"")
                .contains("reftab.oauth.token-request-timeout").contains("5 s");
        assertThat(refused.getHeader("Connection")).isEqualTo("close");
        assertThat(passed).hasValue(0);
    }

    @Test
    void theServerReadsTheFormFromTheBufferedBody() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 0, 0));
        MockHttpServletRequest request = servletRequest("POST", PATH);
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent("grant_type=client_credentials&scope=scim%20read".getBytes(StandardCharsets.UTF_8));
        AtomicReference<String> seen = new AtomicReference<>();

        guard.doFilter(request, new MockHttpServletResponse(),
                (read, response) -> seen.set(read.getParameter("grant_type") + "|" + read.getParameter("scope")));

        assertThat(seen).hasValue("client_credentials|scim read");
    }

    @Test
    void tokenRequestsUpToTheInFlightBoundAreWorkedOnAndTheNextIs503AtOnce() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 0, 0, Duration.ofSeconds(5), 2));
        CountDownLatch bothInside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain holding = (request, response) -> {
            bothInside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MockHttpServletResponse>> held = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String source = "10.2.0." + i;
                held.add(pool.submit(() -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    guard.doFilter(tokenRequest(source, "grant_type=client_credentials"), response, holding);
                    return response;
                }));
            }
            assertThat(bothInside.await(10, TimeUnit.SECONDS)).isTrue();

            MockHttpServletResponse refused = run(guard, tokenRequest("10.2.0.9", "grant_type=client_credentials"));

            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isNotNull();
            assertThat(refused.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"")
                    .contains("reftab.oauth.max-token-requests-in-flight").contains("2");
            release.countDown();
            for (Future<MockHttpServletResponse> one : held) {
                assertThat(one.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
            }
            assertThat(run(guard, tokenRequest("10.2.0.9", "grant_type=client_credentials")).getStatus()).isEqualTo(200);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void theAuthorizationServersOtherEndpointsAreNoneBeforeAnyWork() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 0, 0));
        for (String endpoint : List.of("introspect", "revoke", "device_authorization", "par", "authorize")) {
            MockHttpServletRequest request = servletRequest("POST", "/oauth2/tenants/acme/oauth2/" + endpoint);
            request.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString("c:s".getBytes(StandardCharsets.UTF_8)));

            MockHttpServletResponse refused = run(guard, request);

            assertThat(refused.getStatus()).as(endpoint).isEqualTo(404);
            assertThat(refused.getContentAsString()).as(endpoint).contains("\"error\":\"invalid_request\"");
        }
        assertThat(passed).hasValue(0);
    }

    @Test
    void theServerWideEndpointsAndOddTenantPathsAreNone() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 0, 0));
        for (String path : List.of("/oauth2/token", "/oauth2/jwks", "/oauth2/introspect", "/oauth2/tenants/ACME/oauth2/token",
                "/oauth2/tenants/acme/x/oauth2/token", "/oauth2/tenants/acme/oauth2/token/")) {
            assertThat(run(guard, servletRequest("POST", path)).getStatus()).as(path).isEqualTo(404);
        }
        assertThat(passed).hasValue(0);
    }

    @Test
    void anEncodedSpellingOfTheTokenEndpointIsGuardedAsTheTokenEndpoint() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 60, 1));
        MockHttpServletRequest first = tokenRequest("10.3.0.1", "grant_type=client_credentials");
        MockHttpServletRequest encoded = tokenRequest("10.3.0.1", "grant_type=client_credentials");
        encoded.setRequestURI("/oauth2/tenants/acme/oauth2/tok%65n");

        assertThat(run(guard, first).getStatus()).isEqualTo(200);
        assertThat(run(guard, encoded).getStatus()).isEqualTo(429);
    }

    @Test
    void aTenantsJwksIsServed() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 0, 0));

        assertThat(run(guard, servletRequest("GET", "/oauth2/tenants/acme/oauth2/jwks")).getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(1);
    }
}
