package com.reftab.scim.oauth;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OAuthSettingsTest {

    @EnableConfigurationProperties(OAuthSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void anAccessTokenLivesAnHourByDefault() {
        context.run(started -> assertThat(started.getBean(OAuthSettings.class).accessTokenLifetime()).isEqualTo(Duration.ofMinutes(60)));
    }

    @Test
    void theEnvironmentVariableSetsTheLifetimeUpToSixHours() {
        context.withInitializer(environment(Map.of("REFTAB_OAUTH_ACCESS_TOKEN_LIFETIME", "360m")))
                .run(started -> assertThat(started.getBean(OAuthSettings.class).accessTokenLifetime()).isEqualTo(Duration.ofHours(6)));
    }

    @Test
    void aLifetimeUnderAnHourStopsTheStart() {
        context.withPropertyValues("reftab.oauth.access-token-lifetime=59m").run(started ->
                assertThat(validationFailure(started.getStartupFailure())).hasMessageContaining("reftab.oauth")
                        .hasMessageContaining("60 and 360 minutes"));
    }

    @Test
    void aLifetimeOverSixHoursStopsTheStart() {
        context.withPropertyValues("reftab.oauth.access-token-lifetime=361m").run(started ->
                assertThat(validationFailure(started.getStartupFailure())).hasMessageContaining("60 and 360 minutes"));
    }

    @Test
    void aDefaultSecretLifetimeOutsideOneToThreeYearsStopsTheStart() {
        context.withPropertyValues("reftab.oauth.secret-lifetime-days=1096").run(started ->
                assertThat(validationFailure(started.getStartupFailure())).hasMessageContaining("secretLifetimeDays"));
        context.withPropertyValues("reftab.oauth.secret-lifetime-days=364").run(started ->
                assertThat(validationFailure(started.getStartupFailure())).hasMessageContaining("secretLifetimeDays"));
    }

    @Test
    void aTokenRequestBodyHasFiveSecondsAndSixteenAreWorkedOnAtOnceByDefault() {
        context.run(started -> {
            OAuthSettings settings = started.getBean(OAuthSettings.class);
            assertThat(settings.tokenRequestTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.maxTokenRequestsInFlight()).isEqualTo(16);
        });
    }

    @Test
    void theEnvironmentVariablesSetTheTokenRequestTimeAndInFlightBound() {
        context.withInitializer(environment(Map.of("REFTAB_OAUTH_TOKEN_REQUEST_TIMEOUT", "3s",
                        "REFTAB_OAUTH_MAX_TOKEN_REQUESTS_IN_FLIGHT", "4")))
                .run(started -> {
                    OAuthSettings settings = started.getBean(OAuthSettings.class);
                    assertThat(settings.tokenRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(settings.maxTokenRequestsInFlight()).isEqualTo(4);
                });
    }

    @Test
    void aSigningKeySecretOfThirtyTwoCharactersIsTaken() {
        context.withPropertyValues("reftab.oauth.signing-key-secret=" + "s".repeat(32)).run(started ->
                assertThat(started.getBean(OAuthSettings.class).signingKeySecret()).hasSize(32));
    }

    @Test
    void aSigningKeySecretShorterThanThirtyTwoCharactersStopsTheStart() {
        context.withPropertyValues("reftab.oauth.signing-key-secret=" + "s".repeat(31)).run(started ->
                assertThat(validationFailure(started.getStartupFailure())).hasMessageContaining("at least 32 characters"));
    }

    @Test
    void atMostFourJwksFetchesRunAtOnceByDefault() {
        context.run(started -> assertThat(started.getBean(OAuthSettings.class).jwks().maxConcurrentFetches()).isEqualTo(4));
    }

    @Test
    void insecureJwksHostsAreRefusedByDefault() {
        context.run(started -> assertThat(started.getBean(OAuthSettings.class).jwks().allowInsecureHosts()).isFalse());
    }
}
