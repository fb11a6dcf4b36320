package com.reftab.scim.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ProjectionDelayTest {

    private static final Instant CHANGED = Instant.parse("2025-03-01T10:15:30.000Z");
    private static final Clock FORTY_MS_LATER = Clock.fixed(CHANGED.plusMillis(40), ZoneOffset.UTC);

    private static final Duration MAX_DELAY = Duration.ofSeconds(45);

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    /** A change made at this time, measured when its account is updated. */
    private static AccountChange change(Instant time, boolean deactivation) {
        return new AccountChange("t", "u", 1, "ada@example.com", null, null, null, null,
                deactivation ? "disabled" : "active", false, deactivation, time);
    }

    private Timer timer() {
        return registry.get("reftab.projection.delay").timer();
    }

    @Test
    void measuresFromTheChangeToTheAccountUpdate() {
        new ProjectionDelay(registry, MAX_DELAY, FORTY_MS_LATER).accountsUpdated(List.of(change(CHANGED, false)));

        assertThat(timer().count()).isEqualTo(1);
        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
    }

    @Test
    void withinATransactionRecordsOnlyOnceItCommits() {
        TransactionSynchronizationManager.initSynchronization();

        new ProjectionDelay(registry, MAX_DELAY, FORTY_MS_LATER).accountsUpdated(List.of(change(CHANGED, false)));
        assertThat(timer().count()).isZero();

        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        assertThat(timer().count()).isEqualTo(1);
    }

    @Test
    void aRolledBackAccountWriteIsNotRecorded() {
        TransactionSynchronizationManager.initSynchronization();

        new ProjectionDelay(registry, MAX_DELAY, FORTY_MS_LATER).accountsUpdated(List.of(change(CHANGED, false)));
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(timer().count()).isZero();
    }

    @Test
    void anEventStampedAheadOfThisInstancesClockCountsAsNoDelay() {
        new ProjectionDelay(registry, MAX_DELAY, FORTY_MS_LATER).accountsUpdated(List.of(change(CHANGED.plusMillis(100), false)));

        assertThat(timer().count()).isEqualTo(1);
        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void prometheusShowsItAsAHistogramInSeconds() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        new ProjectionDelay(prometheus, MAX_DELAY, FORTY_MS_LATER).accountsUpdated(List.of(change(CHANGED, false)));

        assertThat(prometheus.scrape())
                .containsPattern("reftab_projection_delay_seconds_bucket\\{le=\"0\\.04[0-9]*\"\\} 1")
                .contains("reftab_projection_delay_seconds_count 1")
                .contains("reftab_projection_delay_seconds_sum 0.04");
    }

    @Test
    void aDeactivationIsMeasuredAsADeactivationToo() {
        ProjectionDelay delay = new ProjectionDelay(registry, MAX_DELAY, FORTY_MS_LATER);

        delay.accountsUpdated(List.of(change(CHANGED, true)));
        delay.accountsUpdated(List.of(change(CHANGED, false)));

        assertThat(timer().count()).isEqualTo(2);
        Timer deactivations = registry.get("reftab.deactivation.delay").timer();
        assertThat(deactivations.count()).isEqualTo(1);
        assertThat(deactivations.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(delay.deactivationsMeasured()).isEqualTo(1);
    }

    @Test
    void aDeactivationRolledBackIsNotMeasured() {
        TransactionSynchronizationManager.initSynchronization();

        new ProjectionDelay(registry, MAX_DELAY, FORTY_MS_LATER).accountsUpdated(List.of(change(CHANGED, true)));
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(registry.get("reftab.deactivation.delay").timer().count()).isZero();
    }

    @Test
    void deactivationsHaveABucketAtThePipelinesDelayBoundSoLateOnesCanBeCounted() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Clock minuteLater = Clock.fixed(CHANGED.plusSeconds(60), ZoneOffset.UTC);

        new ProjectionDelay(prometheus, MAX_DELAY, FORTY_MS_LATER).accountsUpdated(List.of(change(CHANGED, true)));
        new ProjectionDelay(prometheus, MAX_DELAY, minuteLater).accountsUpdated(List.of(change(CHANGED, true)));

        assertThat(prometheus.scrape())
                .contains("reftab_deactivation_delay_seconds_bucket{le=\"45.0\"} 1")
                .contains("reftab_deactivation_delay_seconds_bucket{le=\"60.0\"} 2")
                .contains("reftab_deactivation_delay_seconds_count 2");
    }

    @Test
    void theRecentDeactivationDelayIsEmptyBeforeTheFirst() {
        ProjectionDelay delay = new ProjectionDelay(registry, MAX_DELAY, FORTY_MS_LATER);
        assertThat(delay.recentDeactivationDelay()).isEmpty();

        delay.accountsUpdated(List.of(change(CHANGED, true)));

        assertThat(delay.recentDeactivationDelay()).hasValueSatisfying(
                p99 -> assertThat(p99).isBetween(Duration.ofMillis(39), Duration.ofMillis(41)));
    }
}
