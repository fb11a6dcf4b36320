package com.reftab.scim.outbox;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The relay's and retention's settings, bound from application.yml. */
class OutboxSettingsTest {

    @EnableConfigurationProperties({OutboxSettings.class, RetentionSettings.class})
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> {
            assertThat(started.getBean(OutboxSettings.class)).isEqualTo(new OutboxSettings(1000, 200, 1_048_576, 100, 5000, 10));
            assertThat(started.getBean(RetentionSettings.class))
                    .isEqualTo(new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30), 60_000, 500, 20));
        });
    }

    @Test
    void theEnvironmentVariablesTheReadmeNamesSetThem() {
        context.withInitializer(environment(Map.of("REFTAB_OUTBOX_BATCH_SIZE", "10", "REFTAB_OUTBOX_LEASE_SECONDS", "30",
                        "REFTAB_OUTBOX_MAX_RETRY_DELAY_MS", "60000", "REFTAB_RETENTION_DEAD_LETTERS", "P90D",
                        "REFTAB_RETENTION_MAX_BATCHES_PER_RUN", "5")))
                .run(started -> {
                    OutboxSettings outbox = started.getBean(OutboxSettings.class);
                    assertThat(outbox.batchSize()).isEqualTo(10);
                    assertThat(outbox.leaseSeconds()).isEqualTo(30);
                    assertThat(outbox.maxRetryDelay()).isEqualTo(Duration.ofMinutes(1));
                    RetentionSettings retention = started.getBean(RetentionSettings.class);
                    assertThat(retention.deadLetters()).isEqualTo(Duration.ofDays(90));
                    assertThat(retention.maxBatchesPerRun()).isEqualTo(5);
                });
    }

    @Test
    void aRelayBatchOfZeroStopsTheStartNamingTheKeyAndTheBound() {
        context.withPropertyValues("reftab.outbox.batch-size=0").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("reftab.outbox")
                        .hasMessageContaining("batchSize")
                        .hasMessageContaining("must be greater than or equal to 1"));
    }

    @Test
    void aNegativeRetentionStopsTheStart() {
        context.withPropertyValues("reftab.retention.published-events=-P1D").run(started ->
                assertThat(validationFailure(started.getStartupFailure())).hasMessageContaining("publishedEvents"));
    }
}
