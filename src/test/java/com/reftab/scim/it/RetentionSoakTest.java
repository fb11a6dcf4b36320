package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.reftab.scim.ReftabScimApplication;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes go on while retention, set to one second here, deletes what is older: the outbox and the
 * dead letters stay bounded while the events written keep growing, and every write is answered.
 */
// A context of its own (its broker, consumers and relay): closed once the class is done, not kept running under later tests.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = ReftabScimApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:retention-soak-${random.uuid};DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/retention-soak-${random.uuid}",
        "reftab.scim.token=" + RetentionSoakTest.SCIM_TOKEN,
        "reftab.admin.token=retention-soak-admin",
        "reftab.scim.rate-limit.per-minute=0",
        "reftab.outbox.poll-interval-ms=20",
        "camel.component.kafka.poll-timeout-ms=200",
        "reftab.retention.published-events=PT1S",
        "reftab.retention.dead-letters=PT1S",
        "reftab.retention.interval-ms=200",
        "reftab.retention.batch-size=20",
        "reftab.retention.max-batches-per-run=5"
})
class RetentionSoakTest {

    static final String SCIM_TOKEN = "retention-soak-scim";
    private static final Duration SOAK = Duration.ofSeconds(8);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOutboxAndTheDeadLettersStayBoundedWhileWritesGoOn() {
        HttpCalls scim = new HttpCalls(port, SCIM_TOKEN);
        String userId = scim.post("/scim/v2/Users", oktaUser("soak-" + UUID.randomUUID() + "@atko.com", "So", "Ak"))
                .body().path("id").asText();
        int written = 0;
        int mostKept = 0;
        int mostDeadLetters = 0;
        long end = System.nanoTime() + SOAK.toNanos();
        while (System.nanoTime() < end) {
            assertThat(scim.patch("/scim/v2/Users/" + userId, displayName("Soak " + written)).status()).isEqualTo(200);
            deadLetter(written);
            written++;
            mostKept = Math.max(mostKept, count("outbox_event"));
            mostDeadLetters = Math.max(mostDeadLetters, count("dead_letter_event"));
        }

        assertThat(mostKept).as("most events kept at once, of %d written", written).isLessThan(written / 2);
        assertThat(mostDeadLetters).as("most dead letters kept at once, of %d", written).isLessThan(written / 2);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(count("outbox_event")).isZero();
            assertThat(count("dead_letter_event")).isZero();
        });
    }

    private void deadLetter(int n) {
        jdbc.update("insert into dead_letter_event (tenant_id, consumer, topic, partition_no, record_offset, reason, payload,"
                + " parked_at) values ('default', 'account-projection', 'soak', 0, ?, 'test', '{}', ?)", n, Timestamp.from(Instant.now()));
    }

    private int count(String table) {
        Integer count = jdbc.queryForObject("select count(*) from " + table, Integer.class);
        return count == null ? -1 : count;
    }

    private static String displayName(String name) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + name + "\"}]}";
    }
}
