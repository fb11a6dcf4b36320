package com.reftab.scim.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private Timer timer() {
        return registry.get("reftab.projection.delay").timer();
    }

    @Test
    void measuresFromTheChangeToTheAccountUpdate() {
        new ProjectionDelay(registry, FORTY_MS_LATER).accountUpdated(CHANGED);

        assertThat(timer().count()).isEqualTo(1);
        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
    }

    @Test
    void withinATransactionRecordsOnlyOnceItCommits() {
        TransactionSynchronizationManager.initSynchronization();

        new ProjectionDelay(registry, FORTY_MS_LATER).accountUpdated(CHANGED);
        assertThat(timer().count()).isZero();

        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        assertThat(timer().count()).isEqualTo(1);
    }

    @Test
    void aRolledBackAccountWriteIsNotRecorded() {
        TransactionSynchronizationManager.initSynchronization();

        new ProjectionDelay(registry, FORTY_MS_LATER).accountUpdated(CHANGED);
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(timer().count()).isZero();
    }

    @Test
    void anEventStampedAheadOfThisInstancesClockCountsAsNoDelay() {
        new ProjectionDelay(registry, FORTY_MS_LATER).accountUpdated(CHANGED.plusMillis(100));

        assertThat(timer().count()).isEqualTo(1);
        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void prometheusShowsItAsAHistogramInSeconds() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        new ProjectionDelay(prometheus, FORTY_MS_LATER).accountUpdated(CHANGED);

        assertThat(prometheus.scrape())
                .containsPattern("reftab_projection_delay_seconds_bucket\\{le=\"0\\.04[0-9]*\"\\} 1")
                .contains("reftab_projection_delay_seconds_count 1")
                .contains("reftab_projection_delay_seconds_sum 0.04");
    }
}
