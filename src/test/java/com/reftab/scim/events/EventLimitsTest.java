package com.reftab.scim.events;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EventLimitsTest {

    @EnableConfigurationProperties({EventLimits.class, ProducerLimits.class})
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> {
            assertThat(started.getBean(EventLimits.class).maxEventBytes()).isEqualTo(1_000_000);
            assertThat(started.getBean(ProducerLimits.class).maxRequestSize()).isEqualTo(1_048_576);
        });
    }

    @Test
    void theEnvironmentVariablesTheReadmeNamesSetThem() {
        context.withInitializer(environment(Map.of("REFTAB_EVENTS_MAX_EVENT_BYTES", "500000",
                        "CAMEL_COMPONENT_KAFKA_MAX_REQUEST_SIZE", "2097152")))
                .run(started -> {
                    assertThat(started.getBean(EventLimits.class).maxEventBytes()).isEqualTo(500_000);
                    assertThat(started.getBean(ProducerLimits.class).maxRequestSize()).isEqualTo(2_097_152);
                });
    }

    @Test
    void anEventBoundBelowOneKibibyteStopsTheStartNamingTheKeyAndTheBound() {
        context.withPropertyValues("reftab.events.max-event-bytes=1023").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("maxEventBytes")
                        .hasMessageContaining("must be greater than or equal to 1024"));
    }
}
