package com.reftab.scim.accounts;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PipelineSettingsTest {

    @EnableConfigurationProperties(PipelineSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultIsThatOfApplicationYml() {
        context.run(started -> assertThat(started.getBean(PipelineSettings.class).maxDelay()).isEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void theEnvironmentVariableTheReadmeNamesSetsIt() {
        context.withInitializer(environment(Map.of("REFTAB_PIPELINE_MAX_DELAY", "5m")))
                .run(started -> assertThat(started.getBean(PipelineSettings.class).maxDelay()).isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void aDelayUnderASecondStopsTheStartNamingTheKey() {
        context.withPropertyValues("reftab.pipeline.max-delay=0s").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("reftab.pipeline")
                        .hasMessageContaining("maxDelay"));
    }
}
