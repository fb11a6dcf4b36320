package com.reftab.scim.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How long the Reftab user store trails the SCIM directory: from a user event's {@code time} (the
 * change's {@code meta.lastModified}, committed with it in the outbox) to the commit of the account
 * row it updates. Published as the histogram {@code reftab_projection_delay_seconds}, so percentiles
 * over any interval come from the difference of two scrapes.
 */
@Component
class ProjectionDelay {

    private final Timer timer;
    private final Clock clock;

    @Autowired
    ProjectionDelay(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    ProjectionDelay(MeterRegistry registry, Clock clock) {
        this.timer = Timer.builder("reftab.projection.delay")
                .description("Time from a user change in the directory to its account in the user store")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.clock = clock;
    }

    /** Records when the account's transaction commits: a rolled-back write did not reach the store. */
    void accountUpdated(Instant eventTime) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    record(eventTime);
                }
            });
        } else {
            record(eventTime);
        }
    }

    private void record(Instant eventTime) {
        Duration delay = Duration.between(eventTime, clock.instant());
        // The event may come from another instance whose clock runs a little ahead of this one.
        timer.record(delay.isNegative() ? Duration.ZERO : delay);
    }
}
