package com.reftab.scim.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How long the Reftab user store trails the SCIM directory: from a user event's {@code time} (the
 * change's {@code meta.lastModified}, committed with it in the outbox) to the commit of the account
 * row it updates. Published as the histogram {@code reftab_projection_delay_seconds}, so percentiles
 * over any interval come from the difference of two scrapes.
 *
 * <p>Deactivations, the changes that matter most, are measured again on their own, from the SCIM
 * deactivation (or deletion of an active user) to the commit that leaves the account unable to log
 * in: {@code reftab_deactivation_delay_seconds}, with buckets at the pipeline's delay bound
 * ({@code reftab.pipeline.max-delay}) and around it, so the share of late deactivations is
 * {@code 1 - bucket{le=bound} / count}, and a recent 99th percentile for the admin console.
 */
@Component
public class ProjectionDelay {

    static final double RECENT_PERCENTILE = 0.99;

    private final Timer timer;
    private final Timer deactivations;
    private final Clock clock;

    @Autowired
    ProjectionDelay(MeterRegistry registry, PipelineSettings settings) {
        this(registry, settings.maxDelay(), Clock.systemUTC());
    }

    ProjectionDelay(MeterRegistry registry, Duration maxDelay, Clock clock) {
        this.timer = Timer.builder("reftab.projection.delay")
                .description("Time from a user change in the directory to its account in the user store")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        TreeSet<Duration> buckets = new TreeSet<>();
        for (long seconds : new long[] {1, 5, 15, 60, 300, 3600}) {
            buckets.add(Duration.ofSeconds(seconds));
        }
        buckets.add(maxDelay);
        this.deactivations = Timer.builder("reftab.deactivation.delay")
                .description("Time from a SCIM deactivation to the account in the user store that can no longer log in")
                .serviceLevelObjectives(buckets.toArray(Duration[]::new))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                // Kept in process for the admin console; Prometheus takes its percentiles from the buckets.
                .publishPercentiles(RECENT_PERCENTILE)
                .distributionStatisticExpiry(Duration.ofMinutes(5))
                .register(registry);
        this.clock = clock;
    }

    /**
     * Records the changes of one statement when its transaction commits: a rolled-back write did
     * not reach the store. A deactivation (a change that took the account's login away) is also
     * recorded as one.
     */
    void accountsUpdated(List<AccountChange> changes) {
        afterCommit(() -> changes.forEach(change -> record(change.time(), change.deactivation())));
    }

    private static void afterCommit(Runnable measurement) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    measurement.run();
                }
            });
        } else {
            measurement.run();
        }
    }

    /**
     * The 99th percentile of the deactivations this instance applied in the last few minutes;
     * empty before its first.
     */
    public Optional<Duration> recentDeactivationDelay() {
        if (deactivations.count() == 0) {
            return Optional.empty();
        }
        for (ValueAtPercentile value : deactivations.takeSnapshot().percentileValues()) {
            if (value.percentile() == RECENT_PERCENTILE) {
                return Optional.of(Duration.ofNanos((long) value.value(TimeUnit.NANOSECONDS)));
            }
        }
        return Optional.empty();
    }

    /** Deactivations this instance applied since it started. */
    public long deactivationsMeasured() {
        return deactivations.count();
    }

    private void record(Instant eventTime, boolean disabledIt) {
        Duration delay = Duration.between(eventTime, clock.instant());
        // The event may come from another instance whose clock runs a little ahead of this one.
        Duration measured = delay.isNegative() ? Duration.ZERO : delay;
        timer.record(measured);
        if (disabledIt) {
            deactivations.record(measured);
        }
    }
}
