package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.reftab.scim.kafka.LocalKafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Kafka away, with short client timeouts so each try fails fast: the relay does not try again on
 * every 20 ms poll but waits longer after each failure, logs the failure once when it starts (not
 * a line per try), and when Kafka is back says how many tries failed and delivers what waited.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayBackOffTest {

    /** Tries within the window: about 5 with the back-off (0.1 s doubling), about 20 at one per failed send. */
    private static final int MOST_TRIES_IN_WINDOW = 9;
    private static final Duration WINDOW = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    @Test
    void whileKafkaIsAwayTheRelayBacksOffLogsOnceAndCountsThenDeliversWhenItReturns(CapturedOutput output) throws Exception {
        int brokerPort = freePort();
        Path kafkaDir = dataDir.resolve("kafka");
        LocalKafkaBroker broker = LocalKafkaBroker.start(kafkaDir, brokerPort);
        try (ConfigurableApplicationContext service = start(broker.bootstrapServers())) {
            HttpCalls scim = new HttpCalls(InProcessService.port(service), "relay-back-off-scim");
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            createUser(scim);
            await().atMost(Duration.ofSeconds(30)).until(() -> backlog(jdbc) == 0);

            broker.close();
            createUser(scim);
            createUser(scim);
            await().atMost(Duration.ofSeconds(30)).until(() -> failedTries(service) >= 1);
            double first = failedTries(service);

            await().during(WINDOW).atMost(WINDOW.plusSeconds(5))
                    .until(() -> failedTries(service) - first <= MOST_TRIES_IN_WINDOW);
            assertThat(failedTries(service)).as("tries go on, spaced out").isGreaterThan(first);
            assertThat(count(output.getOut(), "Outbox relay paused")).isEqualTo(1);
            assertThat(count(output.getOut(), "Outbox relay still paused")).isZero();
            assertThat(backlog(jdbc)).isEqualTo(2);

            broker = LocalKafkaBroker.start(kafkaDir, brokerPort);
            await().atMost(Duration.ofSeconds(60)).until(() -> backlog(jdbc) == 0);

            Matcher resumed = Pattern.compile("Outbox relay resumed after (\\d+) failed tries").matcher(output.getOut());
            assertThat(resumed.find()).isTrue();
            assertThat(Double.parseDouble(resumed.group(1))).isEqualTo(failedTries(service));
        } finally {
            broker.close();
        }
    }

    private ConfigurableApplicationContext start(String brokers) {
        return InProcessService.start(dataDir, brokers, "relay-back-off",
                "--reftab.outbox.poll-interval-ms=20",
                // Each send to the absent broker fails within a few hundred milliseconds.
                "--camel.component.kafka.max-block-ms=200",
                "--camel.component.kafka.request-timeout-ms=200",
                "--camel.component.kafka.delivery-timeout-ms=300");
    }

    private static void createUser(HttpCalls scim) {
        assertThat(scim.post("/scim/v2/Users", oktaUser("back-off-" + UUID.randomUUID() + "@atko.com", "Back", "Off"))
                .status()).isEqualTo(201);
    }

    private static long backlog(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class);
        return count == null ? -1 : count;
    }

    private static double failedTries(ConfigurableApplicationContext service) {
        return service.getBean(MeterRegistry.class).counter("reftab.outbox.relay.failures").count();
    }

    private static int count(String text, String line) {
        return text.split(Pattern.quote(line), -1).length - 1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
