package com.reftab.scim.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ConsumerProgressTest {

    private static final long RECEIVED = Instant.parse("2025-03-01T10:16:00Z").toEpochMilli();

    @Test
    void anEventsAgeIsFromItsOwnTimeNotFromWhenKafkaReceivedIt() {
        String event = """
                {"specversion":"1.0","id":"e1","data":{"time":"1999-01-01T00:00:00Z","resource":{"time":[1,2]}},
                 "time":"2025-03-01T10:15:30.123Z","type":"com.reftab.scim.user.deactivated"}
                """;

        assertThat(ConsumerProgress.eventTime(event.getBytes(StandardCharsets.UTF_8), RECEIVED))
                .isEqualTo(Instant.parse("2025-03-01T10:15:30.123Z"));
    }

    @Test
    void aRecordThatIsNotAnEventIsAsOldAsKafkasTimestamp() {
        assertThat(ConsumerProgress.eventTime("{not json".getBytes(StandardCharsets.UTF_8), RECEIVED))
                .isEqualTo(Instant.ofEpochMilli(RECEIVED));
        assertThat(ConsumerProgress.eventTime("{\"time\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8), RECEIVED))
                .isEqualTo(Instant.ofEpochMilli(RECEIVED));
        assertThat(ConsumerProgress.eventTime(null, RECEIVED)).isEqualTo(Instant.ofEpochMilli(RECEIVED));
    }
}
