package com.reftab.scim.http;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RequestLimitsTest {

    @EnableConfigurationProperties(RequestLimits.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> assertThat(started.getBean(RequestLimits.class))
                .isEqualTo(new RequestLimits(1_048_576, Duration.ofSeconds(30), 8, 160)));
    }

    @Test
    void theEnvironmentVariablesTheReadmeNamesSetThem() {
        context.withInitializer(environment(Map.of("REFTAB_SCIM_MAX_BODY_BYTES", "2048",
                        "REFTAB_SCIM_BODY_READ_TIMEOUT", "5s", "REFTAB_SCIM_IN_FLIGHT_PER_TENANT", "0",
                        "REFTAB_SCIM_IN_FLIGHT_PER_INSTANCE", "40")))
                .run(started -> assertThat(started.getBean(RequestLimits.class))
                        .isEqualTo(new RequestLimits(2048, Duration.ofSeconds(5), 0, 40)));
    }

    @Test
    void aNegativeInFlightBoundStopsTheStartNamingTheKeyAndTheBound() {
        context.withPropertyValues("reftab.scim.in-flight-per-tenant=-1").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("inFlightPerTenant")
                        .hasMessageContaining("must be greater than or equal to 0"));
    }

    @Test
    void aBodyReadTimeoutOfZeroStopsTheStart() {
        context.withPropertyValues("reftab.scim.body-read-timeout=0s").run(started ->
                assertThat(validationFailure(started.getStartupFailure())).hasMessageContaining("bodyReadTimeout"));
    }
}
