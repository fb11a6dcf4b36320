package com.reftab.scim.resources;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import com.reftab.scim.protocol.filter.FilterLimits;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ScimLimitsTest {

    @EnableConfigurationProperties(ScimLimits.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> {
            ScimLimits limits = started.getBean(ScimLimits.class);
            assertThat(limits.maxResults()).isEqualTo(200);
            assertThat(limits.maxBodyBytes()).isEqualTo(1_048_576);
            assertThat(limits.maxResourceBytes()).isEqualTo(65_536);
            assertThat(limits.maxValuesPerAttribute()).isEqualTo(100);
            assertThat(limits.bulk().maxOperations()).isEqualTo(1000);
            assertThat(limits.filter()).isEqualTo(new ScimLimits.Filter(4096, 16));
        });
    }

    @Test
    void theEnvironmentVariablesTheReadmeNamesSetThem() {
        context.withInitializer(environment(Map.of("REFTAB_SCIM_MAX_RESULTS", "50", "REFTAB_SCIM_BULK_MAX_OPERATIONS", "10",
                        "REFTAB_SCIM_FILTER_MAX_DEPTH", "4")))
                .run(started -> {
                    ScimLimits limits = started.getBean(ScimLimits.class);
                    assertThat(limits.maxResults()).isEqualTo(50);
                    assertThat(limits.bulk().maxOperations()).isEqualTo(10);
                    FilterLimits filter = limits.filterLimits();
                    assertThat(filter.maxDepth()).isEqualTo(4);
                    assertThat(filter.maxLength()).isEqualTo(4096);
                });
    }

    @Test
    void aBoundBelowOneStopsTheStartNamingTheKeyAndTheBound() {
        context.withPropertyValues("reftab.scim.bulk.max-operations=0").run(started -> {
            assertThat(started).hasFailed();
            assertThat(validationFailure(started.getStartupFailure()))
                    .hasMessageContaining("reftab.scim")
                    .hasMessageContaining("maxOperations")
                    .hasMessageContaining("must be greater than or equal to 1");
        });
    }
}
