package com.reftab.scim.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.reftab.scim.events.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How the relay waits out a failure that may pass (Kafka or the database away, a timeout): each
 * failed poll doubles the wait before the next, up to a bound, and the failure is logged when it
 * starts, then at most once a minute with the count of attempts, and once more when the relay
 * resumes. Never a line per poll.
 */
@Component("relayBackOff")
public class RelayBackOff {

    /** While it is failing: since when, how many polls failed, and the last reason. */
    public record Failing(Instant since, long attempts, String reason) {
    }

    static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RelayBackOff.class);

    private final Clock clock;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Counter failures;
    private Instant nextAttempt = Instant.MIN;
    private Instant failingSince;
    private Instant lastLogged;
    private long attempts;
    private String reason;

    @Autowired
    public RelayBackOff(MeterRegistry registry, OutboxSettings settings) {
        this(registry, Clock.systemUTC(), settings.retryDelay(), settings.maxRetryDelay());
    }

    RelayBackOff(MeterRegistry registry, Clock clock, Duration firstDelay, Duration maxDelay) {
        this.clock = clock;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.failures = Counter.builder("reftab.outbox.relay.failures")
                .description("Relay polls that failed for a reason that may pass (Kafka or the database away)")
                .register(registry);
    }

    /** False while the relay waits after a failure: the poll is skipped without touching anything. */
    public synchronized boolean due() {
        return !clock.instant().isBefore(nextAttempt);
    }

    /** How long until the next poll is due after a failure; zero when it is due now. */
    public synchronized Duration untilDue() {
        Instant now = clock.instant();
        return now.isBefore(nextAttempt) ? Duration.between(now, nextAttempt) : Duration.ZERO;
    }

    public synchronized void failed(Throwable failure) {
        Instant now = clock.instant();
        attempts++;
        failures.increment();
        reason = DeadLetters.reasonFor(failure);
        Duration delay = delay(attempts);
        nextAttempt = now.plus(delay);
        if (failingSince == null) {
            failingSince = now;
            lastLogged = now;
            LOG.warn("Outbox relay paused, will retry with back-off (up to {} ms between tries): {}", maxDelay.toMillis(),
                    reason);
        } else if (!now.isBefore(lastLogged.plus(LOG_EVERY))) {
            lastLogged = now;
            LOG.warn("Outbox relay still paused after {} failed tries over {} s, next in {} ms: {}", attempts,
                    Duration.between(failingSince, now).toSeconds(), delay.toMillis(), reason);
        }
    }

    /** A poll went through: the next one is due at once, and the end of a failure is logged. */
    public synchronized void succeeded() {
        if (failingSince != null) {
            LOG.info("Outbox relay resumed after {} failed tries over {} s", attempts,
                    Duration.between(failingSince, clock.instant()).toSeconds());
        }
        failingSince = null;
        attempts = 0;
        reason = null;
        nextAttempt = Instant.MIN;
    }

    public synchronized Optional<Failing> failing() {
        return failingSince == null ? Optional.empty() : Optional.of(new Failing(failingSince, attempts, reason));
    }

    /** The wait after the n-th failure in a row: the first delay, doubled each time, bounded. */
    Duration delay(long failuresInARow) {
        long doublings = Math.min(failuresInARow - 1, 30);
        long millis = firstDelay.toMillis() << doublings;
        return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }
}
