package com.reftab.scim.database;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TransactionSettingsTest {

    @EnableConfigurationProperties(TransactionSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultIsThatOfApplicationYml() {
        context.run(started -> assertThat(started.getBean(TransactionSettings.class).transactionTimeoutSeconds()).isEqualTo(30));
    }

    @Test
    void theEnvironmentVariableTheReadmeNamesSetsIt() {
        context.withInitializer(environment(Map.of("REFTAB_DB_TRANSACTION_TIMEOUT_SECONDS", "10")))
                .run(started -> assertThat(started.getBean(TransactionSettings.class).transactionTimeoutSeconds()).isEqualTo(10));
    }

    @Test
    void aTimeoutOfZeroStopsTheStartNamingTheKeyAndTheBound() {
        context.withPropertyValues("reftab.db.transaction-timeout-seconds=0").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("transactionTimeoutSeconds")
                        .hasMessageContaining("must be greater than or equal to 1"));
    }
}
