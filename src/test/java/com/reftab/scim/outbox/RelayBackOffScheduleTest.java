package com.reftab.scim.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The relay's waits after failures, and what it logs about them, on a clock the test moves. */
class RelayBackOffScheduleTest {

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RelayBackOff backOff = new RelayBackOff(registry, clock, Duration.ofMillis(100), Duration.ofSeconds(5));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(RelayBackOff.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(RelayBackOff.class)).detachAppender(log);
    }

    @Test
    void eachFailureInARowDoublesTheWaitUpToTheBound() {
        assertThat(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 60L).stream().map(backOff::delay).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    }

    @Test
    void pollsAreSkippedUntilTheWaitIsOver() {
        backOff.failed(new TimeoutException("broker away"));
        backOff.failed(new TimeoutException("broker away"));

        assertThat(backOff.due()).isFalse();
        clock.advance(Duration.ofMillis(199));
        assertThat(backOff.due()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(backOff.due()).isTrue();
    }

    @Test
    void aFailureIsLoggedWhenItStartsThenOnceAMinuteWithTheCountAndWhenItEnds() {
        for (int i = 0; i < 100; i++) {
            backOff.failed(new TimeoutException("broker away"));
            clock.advance(Duration.ofSeconds(1));
        }
        backOff.succeeded();

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Outbox relay paused, will retry with back-off (up to 5000 ms between tries): TimeoutException: broker away",
                "Outbox relay still paused after 61 failed tries over 60 s, next in 5000 ms: TimeoutException: broker away",
                "Outbox relay resumed after 100 failed tries over 100 s");
        assertThat(registry.counter("reftab.outbox.relay.failures").count()).isEqualTo(100);
    }

    @Test
    void aSuccessEndsTheWaitAndTheNextFailureStartsAfresh() {
        backOff.failed(new TimeoutException("broker away"));
        backOff.failed(new TimeoutException("broker away"));
        backOff.succeeded();

        assertThat(backOff.due()).isTrue();
        assertThat(backOff.failing()).isEmpty();
        backOff.failed(new TimeoutException("again"));
        assertThat(backOff.failing()).get().extracting(RelayBackOff.Failing::attempts).isEqualTo(1L);
        assertThat(backOff.delay(1)).isEqualTo(Duration.ofMillis(100));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
