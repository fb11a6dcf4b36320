package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import ch.qos.logback.classic.LoggerContext;
import com.reftab.scim.http.RequestLogAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an operator watches: request ids and request log lines, health probes, Prometheus metrics. */
@ScimIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    PlatformHttpEngine platformHttpEngine;

    @Test
    void theRoutesAreServedByTheEngineThatAnswersOnTheRequestThread() {
        // Camel's own engine would hand each request to an executor and answer through an async dispatch.
        assertThat(platformHttpEngine.getClass().getSimpleName()).isEqualTo("RequestThreadHttpEngine");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void everyAnswerCarriesARequestIdAndOneLogLineWithoutTheToken(CapturedOutput output) {
        HttpCalls.Reply reply = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN).get("/scim/v2/Users?count=1");

        String requestId = reply.header("X-Request-Id");
        assertThat(requestId).isNotBlank();
        awaitLogged(output, "request_id=" + requestId + " tenant=default operation=scim-users-list status=200");
        assertThat(output.getOut()).doesNotContain(ScimIntegrationTest.SCIM_TOKEN);
    }

    @Test
    void aRefusedRequestIsLoggedWithItsStatusToo(CapturedOutput output) {
        HttpCalls.Reply reply = new HttpCalls(port, "wrong-token").get("/scim/v2/Users");

        awaitLogged(output, "request_id=" + reply.header("X-Request-Id") + " tenant=- operation=scim-users-list status=401");
        assertThat(output.getOut()).doesNotContain("wrong-token");
    }

    @Test
    void aRequestToAnUnknownScimEndpointIsLoggedAsUnknown(CapturedOutput output) {
        HttpCalls.Reply reply = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN).get("/scim/v2/Nope");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("X-Request-Id")).isNotBlank();
        awaitLogged(output, "request_id=" + reply.header("X-Request-Id") + " tenant=default operation=unknown status=404");
    }

    @Test
    void aRequestToAnUnknownApiEndpointIsLoggedAsUnknown(CapturedOutput output) {
        for (String token : new String[] {ScimIntegrationTest.ADMIN_TOKEN, ScimIntegrationTest.SCIM_TOKEN}) {
            for (String path : new String[] {"/api/whatever", "/api/admin/whatever"}) {
                HttpCalls.Reply reply = new HttpCalls(port, token).get(path);

                assertThat(reply.header("X-Request-Id")).as(path).isNotBlank();
                String line = "request_id=" + reply.header("X-Request-Id") + " tenant=\\S+ operation=unknown status=" + reply.status();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut()).as(path).containsPattern(line));
            }
        }
    }

    @Test
    void theRequestLogIsWrittenThroughABoundedQueueThatDropsRatherThanBlocks() {
        ch.qos.logback.classic.Logger requests = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("reftab.requests");

        assertThat(requests.isAdditive()).as("written once, through the queue only").isFalse();
        assertThat(requests.getAppender("REQUEST_LOG")).isInstanceOfSatisfying(RequestLogAppender.class, appender -> {
            assertThat(appender.isNeverBlock()).isTrue();
            assertThat(appender.getQueueSize()).isEqualTo(8192);
            assertThat(appender.getDiscardingThreshold()).isZero();
        });
    }

    /** The request log is written by a background thread (logback-spring.xml): its line follows the answer. */
    private static void awaitLogged(CapturedOutput output, String line) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut()).contains(line));
    }

    @Test
    void livenessAndReadinessAreUp() throws Exception {
        assertThat(get("/actuator/health/liveness")).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness")).contains("\"UP\"");
    }

    @Test
    void prometheusShowsRequestsTheOutboxAndConsumerLag() throws Exception {
        new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN).post("/scim/v2/Users",
                HttpCalls.oktaUser("metrics-" + UUID.randomUUID() + "@atko.com", "M", "Etrics"));
        new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN).get("/scim/v2/Users?count=1");

        String metrics = await().atMost(Duration.ofSeconds(15))
                .until(() -> get("/actuator/prometheus"), text -> !text.contains("reftab_consumer_lag{group=\"reftab-account-projection\"} NaN"));

        assertThat(metrics).contains("reftab_api_requests_seconds_count{operation=\"scim-users-list\",status=\"200\"")
                .contains("reftab_outbox_backlog").contains("reftab_outbox_oldest_age_seconds")
                .containsPattern("reftab_consumer_lag\\{group=\"reftab-account-projection\"\\} \\d+\\.\\d+")
                .containsPattern("reftab_consumer_lag\\{group=\"reftab-role-mapping\"\\} \\d+\\.\\d+");
    }

    @Test
    void theApiAndTheHealthProbesAreTimedOnceByTheServicesOwnMeter() throws Exception {
        long before = serverRequestsTimed();

        new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN).get("/scim/v2/Users?count=1");
        new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN).get("/api/admin/whatever");
        get("/actuator/health/liveness");
        get("/actuator/health");

        assertThat(serverRequestsTimed()).isEqualTo(before);
        assertThat(registry.find("reftab.api.requests").tag("operation", "scim-users-list").tag("status", "200").timer())
                .isNotNull();
        get("/actuator/info");
        assertThat(serverRequestsTimed()).as("other paths keep Spring's observation").isEqualTo(before + 1);
    }

    private long serverRequestsTimed() {
        return registry.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
    }

    @Test
    void aUserWrittenToTheStoreAddsToTheProjectionDelay() throws Exception {
        double before = projectionDelayCount();

        new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN).post("/scim/v2/Users",
                HttpCalls.oktaUser("delay-" + UUID.randomUUID() + "@atko.com", "De", "Lay"));

        await().atMost(Duration.ofSeconds(15)).until(this::projectionDelayCount, count -> count > before);
        assertThat(get("/actuator/prometheus")).contains("reftab_projection_delay_seconds_bucket{le=");
    }

    private double projectionDelayCount() throws Exception {
        return get("/actuator/prometheus").lines()
                .filter(line -> line.startsWith("reftab_projection_delay_seconds_count "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
