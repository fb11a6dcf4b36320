package com.reftab.scim.database;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class H2CompactionSettingsTest {

    @EnableConfigurationProperties(H2CompactionSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> assertThat(started.getBean(H2CompactionSettings.class))
                .isEqualTo(new H2CompactionSettings(Duration.ofMillis(250), 90, DataSize.ofMegabytes(4))));
    }

    @Test
    void theEnvironmentVariablesTheReadmeNamesSetThem() {
        context.withInitializer(environment(Map.of("REFTAB_DB_H2_COMPACTION_INTERVAL", "0s",
                        "REFTAB_DB_H2_COMPACTION_TARGET_FILL_RATE", "50", "REFTAB_DB_H2_COMPACTION_MAX_REWRITE", "1MB")))
                .run(started -> assertThat(started.getBean(H2CompactionSettings.class))
                        .isEqualTo(new H2CompactionSettings(Duration.ZERO, 50, DataSize.ofMegabytes(1))));
    }

    @Test
    void anIntervalUnderAMillisecondStopsTheStart() {
        context.withPropertyValues("reftab.db.h2-compaction.interval=500us").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("intervalValid")
                        .hasMessageContaining("must be 0s (off) or at least 1ms"));
    }

    @Test
    void aRewriteBoundUnder64KbStopsTheStart() {
        context.withPropertyValues("reftab.db.h2-compaction.max-rewrite=32KB").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("maxRewriteValid")
                        .hasMessageContaining("must be between 64KB and 1GB"));
    }

    @Test
    void aFillRateAbove100StopsTheStartNamingTheKey() {
        context.withPropertyValues("reftab.db.h2-compaction.target-fill-rate=101").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("targetFillRate")
                        .hasMessageContaining("must be less than or equal to 100"));
    }
}
