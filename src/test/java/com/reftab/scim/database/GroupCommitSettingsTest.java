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

class GroupCommitSettingsTest {

    @EnableConfigurationProperties(GroupCommitSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> assertThat(started.getBean(GroupCommitSettings.class))
                .isEqualTo(new GroupCommitSettings(true, 64, Duration.ZERO, 256, 4)));
    }

    @Test
    void theEnvironmentVariablesTheReadmeNamesSetThem() {
        context.withInitializer(environment(Map.of("REFTAB_DB_GROUP_COMMIT", "false",
                        "REFTAB_DB_GROUP_COMMIT_MAX_BATCH", "8", "REFTAB_DB_GROUP_COMMIT_MAX_WAIT", "2ms",
                        "REFTAB_DB_GROUP_COMMIT_QUEUE", "32", "REFTAB_DB_GROUP_COMMIT_LANES", "2")))
                .run(started -> assertThat(started.getBean(GroupCommitSettings.class))
                        .isEqualTo(new GroupCommitSettings(false, 8, Duration.ofMillis(2), 32, 2)));
    }

    @Test
    void aQueueOfZeroStopsTheStartNamingTheKey() {
        context.withPropertyValues("reftab.db.group-commit.queue-capacity=0").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("queueCapacity")
                        .hasMessageContaining("must be greater than or equal to 1"));
    }
}
