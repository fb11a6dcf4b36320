package com.reftab.scim.auth;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import com.reftab.scim.auth.AccessSettings.RateLimit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AccessSettingsTest {

    @EnableConfigurationProperties(AccessSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> {
            AccessSettings settings = started.getBean(AccessSettings.class);
            assertThat(settings.publicUrl()).isEmpty();
            assertThat(settings.dataDir().normalize()).isEqualTo(Path.of("./data").normalize());
            assertThat(settings.scim().token()).isEmpty();
            assertThat(settings.scim().tokenRotationOverlap()).isEqualTo(Duration.ofHours(24));
            assertThat(settings.scim().rateLimit()).isEqualTo(new RateLimit(3600, 300));
            assertThat(settings.admin().token()).isEmpty();
            assertThat(settings.admin().tokenRotationOverlap()).isEqualTo(Duration.ofHours(24));
            assertThat(settings.admin().rateLimit()).isEqualTo(new RateLimit(1200, 120));
            assertThat(settings.operator().token()).isEmpty();
        });
    }

    @Test
    void theEnvironmentVariablesTheReadmeNamesSetThem() {
        context.withInitializer(environment(Map.of("REFTAB_PUBLIC_URL", "https://scim.example", "REFTAB_DATA_DIR", "/var/reftab",
                        "REFTAB_SCIM_TOKEN", "s", "REFTAB_ADMIN_TOKEN", "a", "REFTAB_OPERATOR_TOKEN", "o",
                        "REFTAB_SCIM_RATE_LIMIT_PER_MINUTE", "0", "REFTAB_ADMIN_RATE_LIMIT_BURST", "7",
                        "REFTAB_ADMIN_TOKEN_ROTATION_OVERLAP", "PT1H")))
                .run(started -> {
                    AccessSettings settings = started.getBean(AccessSettings.class);
                    assertThat(settings.publicUrl()).isEqualTo("https://scim.example");
                    assertThat(settings.dataDir()).isEqualTo(Path.of("/var/reftab"));
                    assertThat(settings.scim().token()).isEqualTo("s");
                    assertThat(settings.admin().token()).isEqualTo("a");
                    assertThat(settings.operator().token()).isEqualTo("o");
                    assertThat(settings.scim().rateLimit()).isEqualTo(new RateLimit(0, 300));
                    assertThat(settings.admin().rateLimit()).isEqualTo(new RateLimit(1200, 7));
                    assertThat(settings.admin().tokenRotationOverlap()).isEqualTo(Duration.ofHours(1));
                });
    }

    @Test
    void theSettingsNeverShowTheTokens() {
        context.withInitializer(environment(Map.of("REFTAB_SCIM_TOKEN", "scim-secret", "REFTAB_ADMIN_TOKEN", "admin-secret",
                        "REFTAB_OPERATOR_TOKEN", "operator-secret")))
                .run(started -> assertThat(started.getBean(AccessSettings.class).toString())
                        .doesNotContain("scim-secret", "admin-secret", "operator-secret"));
    }

    @Test
    void aNegativeRateLimitStopsTheStartNamingTheKeyAndTheBound() {
        context.withPropertyValues("reftab.admin.rate-limit.per-minute=-1").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("perMinute")
                        .hasMessageContaining("must be greater than or equal to 0"));
    }

    @Test
    void aRotationOverlapUnderAMinuteStopsTheStartNamingTheKey() {
        context.withPropertyValues("reftab.scim.token-rotation-overlap=59s").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("tokenRotationOverlap"));
    }
}
