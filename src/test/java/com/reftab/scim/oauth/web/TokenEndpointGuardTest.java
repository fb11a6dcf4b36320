package com.reftab.scim.oauth.web;

import com.reftab.scim.oauth.OAuthSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
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
        return new OAuthSettings(Duration.ofMinutes(60), 730, 10, 5, maxBytes,
                new OAuthSettings.RateLimit(perMinute, burst), Duration.ofDays(30), Duration.ofSeconds(5),
                new OAuthSettings.Jwks(Duration.ofSeconds(3), 65536, Duration.ofMinutes(15), 100, Duration.ofSeconds(30), 4, false), "");
    }

    private static MockHttpServletRequest tokenRequest(String source, String form) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", PATH);
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
    void aClientIdWithinItsBurstPassesFromAnyAddressAndTheNextRequestIs429() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 60, 3));
        String basic = "Basic " + Base64.getEncoder().encodeToString("client-1:secret".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2; i++) {
            assertThat(run(guard, tokenRequest("10.1.0." + i, "grant_type=client_credentials&client_id=client-1")).getStatus())
                    .isEqualTo(200);
        }
        MockHttpServletRequest byBasic = tokenRequest("10.1.0.8", "grant_type=client_credentials");
        byBasic.addHeader("Authorization", basic);
        assertThat(run(guard, byBasic).getStatus()).isEqualTo(200);

        MockHttpServletResponse refused = run(guard, tokenRequest("10.1.0.9", "grant_type=client_credentials&client_id=client-1"));

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("for this client");
        assertThat(passed).hasValue(3);
    }

    @Test
    void aTokenEndpointOutsideATenantsIssuerIsNone() throws Exception {
        TokenEndpointGuard guard = new TokenEndpointGuard(settings(16384, 0, 0));
        MockHttpServletRequest request = tokenRequest("10.0.0.3", "grant_type=client_credentials");
        request.setRequestURI("/oauth2/token");

        assertThat(run(guard, request).getStatus()).isEqualTo(404);
        assertThat(passed).hasValue(0);
    }
}
