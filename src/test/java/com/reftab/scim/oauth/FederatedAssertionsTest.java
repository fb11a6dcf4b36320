package com.reftab.scim.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fetching an identity provider's JWKS is bounded: an unknown key id refetches at most once per
 * interval, at most so many documents are kept, a document over the size bound or a server that
 * does not answer within the timeout refuses the assertion rather than holding the request.
 */
class FederatedAssertionsTest {

    private final EntraKeys entra = new EntraKeys();
    private final RSAKey key = EntraKeys.newKey();
    private final Instant now = Instant.now();
    private HttpServer slow;

    @AfterEach
    void stop() {
        entra.close();
        if (slow != null) {
            slow.stop(0);
        }
    }

    private static FederatedAssertions assertions(int maxBytes, int maxCached, Duration refetch, Duration timeout) {
        return assertions(maxBytes, maxCached, refetch, timeout, 4, true);
    }

    private static FederatedAssertions assertions(int maxBytes, int maxCached, Duration refetch, Duration timeout,
                                                  int maxConcurrentFetches, boolean allowInsecureHosts) {
        OAuthSettings settings = new OAuthSettings(Duration.ofMinutes(60), 730, 10, 5, 16384, Duration.ofSeconds(5), 16,
                new OAuthSettings.RateLimit(0, 0), Duration.ofDays(30), Duration.ofSeconds(5),
                new OAuthSettings.Jwks(timeout, maxBytes, Duration.ofMinutes(15), maxCached, refetch,
                        maxConcurrentFetches, allowInsecureHosts), "");
        return new FederatedAssertions(settings, InstantSource.system());
    }

    /** A JWKS server that answers 200 at once and then sends one byte every 100 ms until released (5 s at most). */
    private String drippingServer(CountDownLatch requested, CountDownLatch released) throws IOException {
        slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            requested.countDown();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('{');
                out.flush();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!released.await(100, TimeUnit.MILLISECONDS) && System.nanoTime() < until) {
                    out.write(' ');
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The fetch gave up and closed the connection.
            }
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        return "http://127.0.0.1:" + slow.getAddress().getPort() + "/keys";
    }

    private FederatedCredential credential(String jwksName) {
        return new FederatedCredential(entra.issuer(), "subject", EntraKeys.AUDIENCE, entra.jwksUri(jwksName));
    }

    @Test
    void anUnknownKeyIdRefetchesTheJwksAtMostOncePerInterval() {
        FederatedAssertions assertions = assertions(65536, 10, Duration.ofMinutes(5), Duration.ofSeconds(3));
        entra.publish(key);
        assertions.verify(entra.assertion(key, "subject", now), credential("a"));
        assertThat(entra.fetches()).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> assertions.verify(entra.assertion(EntraKeys.newKey(), "subject", now), credential("a")))
                    .isInstanceOf(FederatedAssertions.RefusedAssertion.class);
        }

        assertThat(entra.fetches()).as("one refetch at most within the interval").isLessThanOrEqualTo(2);
    }

    @Test
    void atMostTheBoundOfJwksDocumentsIsKept() {
        FederatedAssertions assertions = assertions(65536, 1, Duration.ofMinutes(5), Duration.ofSeconds(3));
        entra.publish(key);

        assertions.verify(entra.assertion(key, "subject", now), credential("a"));
        assertions.verify(entra.assertion(key, "subject", now), credential("a"));
        assertThat(entra.fetches()).as("kept while within the bound").isEqualTo(1);
        assertions.verify(entra.assertion(key, "subject", now), credential("b"));
        assertions.verify(entra.assertion(key, "subject", now), credential("a"));

        assertThat(entra.fetches()).as("'a' was dropped for 'b' and fetched again").isEqualTo(3);
    }

    @Test
    void aJwksLargerThanTheBoundIsNotRead() {
        entra.publish(key, EntraKeys.newKey(), EntraKeys.newKey(), EntraKeys.newKey());
        FederatedAssertions small = assertions(1024, 10, Duration.ofMinutes(5), Duration.ofSeconds(3));
        FederatedAssertions large = assertions(65536, 10, Duration.ofMinutes(5), Duration.ofSeconds(3));

        assertThatThrownBy(() -> small.verify(entra.assertion(key, "subject", now), credential("big")))
                .isInstanceOf(FederatedAssertions.RefusedAssertion.class);
        large.verify(entra.assertion(key, "subject", now), credential("big"));
    }

    @Test
    void aJwksServerThatDoesNotAnswerIsGivenUpOnAfterTheTimeout() throws IOException {
        CountDownLatch never = new CountDownLatch(1);
        slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            try {
                never.await(10, TimeUnit.SECONDS);
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(new byte[0]);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        FederatedAssertions assertions = assertions(65536, 10, Duration.ofMinutes(5), Duration.ofMillis(500));
        FederatedCredential credential = new FederatedCredential(entra.issuer(), "subject", EntraKeys.AUDIENCE,
                "http://127.0.0.1:" + slow.getAddress().getPort() + "/keys");

        long started = System.nanoTime();
        assertThatThrownBy(() -> assertions.verify(entra.assertion(key, "subject", now), credential))
                .isInstanceOf(FederatedAssertions.RefusedAssertion.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        never.countDown();
    }
    private void assertRefused(String assertion, String reason) {
        FederatedAssertions assertions = assertions(65536, 10, Duration.ofMinutes(5), Duration.ofSeconds(3));
        entra.publish(key);
        assertions.verify(entra.assertion(key, "subject", now), credential("claims"));
        assertThatThrownBy(() -> assertions.verify(assertion, credential("claims")))
                .isInstanceOf(FederatedAssertions.RefusedAssertion.class).hasMessageContaining(reason);
    }

    @Test
    void anAssertionFromAnotherIssuerIsRefused() {
        assertRefused(EntraKeys.sign(key, "https://login.microsoftonline.com/another/v2.0", "subject", EntraKeys.AUDIENCE,
                now.plusSeconds(600), now), "issuer (iss)");
    }

    @Test
    void anAssertionForAnotherSubjectIsRefused() {
        assertRefused(EntraKeys.sign(key, entra.issuer(), "another", EntraKeys.AUDIENCE, now.plusSeconds(600), now), "subject (sub)");
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() {
        assertRefused(EntraKeys.sign(key, entra.issuer(), "subject", "api://other", now.plusSeconds(600), now), "audience (aud)");
    }

    @Test
    void anAssertionPastItsExpiryAndTheLeewayIsRefused() {
        assertRefused(EntraKeys.sign(key, entra.issuer(), "subject", EntraKeys.AUDIENCE,
                now.minus(FederatedAssertions.CLOCK_SKEW).minusSeconds(1), now.minusSeconds(900)), "expired");
    }

    @Test
    void aJwksServerThatDripsBytesIsGivenUpOnAtTheDeadlineForTheWholeFetch() throws IOException {
        CountDownLatch released = new CountDownLatch(1);
        String url = drippingServer(new CountDownLatch(1), released);
        FederatedAssertions assertions = assertions(65536, 10, Duration.ofMinutes(5), Duration.ofMillis(500));
        FederatedCredential credential = new FederatedCredential(entra.issuer(), "subject", EntraKeys.AUDIENCE, url);

        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> assertions.verify(entra.assertion(key, "subject", now), credential))
                    .isInstanceOf(FederatedAssertions.RefusedAssertion.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        } finally {
            released.countDown();
        }
    }

    @Test
    void withEveryJwksFetchPermitTakenTheNextAssertionIsRefusedAtOnce() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        String url = drippingServer(requested, released);
        FederatedAssertions assertions = assertions(65536, 10, Duration.ofMinutes(5), Duration.ofSeconds(10), 1, true);
        entra.publish(key);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> held = holder.submit(() -> assertions.verify(entra.assertion(key, "subject", now),
                    new FederatedCredential(entra.issuer(), "subject", EntraKeys.AUDIENCE, url)));
            assertThat(requested.await(5, TimeUnit.SECONDS)).as("the first fetch is running").isTrue();

            long started = System.nanoTime();
            assertThatThrownBy(() -> assertions.verify(entra.assertion(key, "subject", now), credential("other")))
                    .isInstanceOf(FederatedAssertions.RefusedAssertion.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(entra.fetches()).as("refused before fetching").isZero();

            released.countDown();
            assertThatThrownBy(() -> held.get(10, TimeUnit.SECONDS));
        } finally {
            released.countDown();
            holder.shutdownNow();
        }
    }

    @Test
    void anHttpJwksUrlIsNotFetchedUnlessInsecureHostsAreAllowed() {
        entra.publish(key);
        FederatedAssertions assertions = assertions(65536, 10, Duration.ofMinutes(5), Duration.ofSeconds(3), 4, false);

        assertThatThrownBy(() -> assertions.verify(entra.assertion(key, "subject", now), credential("a")))
                .isInstanceOf(FederatedAssertions.RefusedAssertion.class);
        assertThat(entra.fetches()).isZero();
    }
}
