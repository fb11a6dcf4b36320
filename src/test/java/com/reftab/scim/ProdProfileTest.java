package com.reftab.scim;

import static com.reftab.scim.ConfigurationBinding.environment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.reftab.scim.oauth.OAuthSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** The prod profile adds what production needs and leaves every documented variable working. */
class ProdProfileTest {

    @EnableConfigurationProperties({ServerProperties.class, OAuthSettings.class})
    static class Bound {
    }

    private static final Map<String, String> REQUIRED = Map.of(
            "REFTAB_PUBLIC_URL", "https://scim.reftab.example", "KAFKA_BROKERS", "kafka-1:9092",
            "REFTAB_OAUTH_SIGNING_KEY_SECRET", "a-production-secret-of-32-chars!");

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class)
            .withPropertyValues("spring.profiles.active=prod");

    @Test
    void theSwallowSizeIsTheOneOfTheEnvironmentVariable() {
        Map<String, String> variables = new HashMap<>(REQUIRED);
        variables.put("REFTAB_HTTP_MAX_SWALLOW_SIZE", "3MB");
        context.withInitializer(environment(variables)).run(started ->
                assertThat(started.getBean(ServerProperties.class).getTomcat().getMaxSwallowSize())
                        .isEqualTo(DataSize.ofMegabytes(3)));
    }

    @Test
    void withoutTheVariableTheSwallowSizeIsTheDefaultOfApplicationYml() {
        context.withInitializer(environment(REQUIRED)).run(started ->
                assertThat(started.getBean(ServerProperties.class).getTomcat().getMaxSwallowSize())
                        .isEqualTo(DataSize.ofMegabytes(2)));
    }

    @Test
    void thePublicUrlAndTheBrokersAreTheProductionOnes() {
        context.withInitializer(environment(REQUIRED)).run(started -> {
            assertThat(started.getEnvironment().getProperty("reftab.public-url")).isEqualTo("https://scim.reftab.example");
            assertThat(started.getEnvironment().getProperty("reftab.kafka.brokers")).isEqualTo("kafka-1:9092");
            assertThat(started.getEnvironment().getProperty("camel.component.kafka.brokers")).isEqualTo("kafka-1:9092");
        });
    }

    @Test
    void tomcatReadsTheForwardedHeadersOnlyFromTheInternalProxiesOfTheEnvironmentVariable() {
        Map<String, String> variables = new HashMap<>(REQUIRED);
        variables.put("REFTAB_INTERNAL_PROXIES", "10\\.0\\.0\\.5");
        context.withInitializer(environment(variables)).run(started -> {
            ServerProperties server = started.getBean(ServerProperties.class);
            assertThat(server.getForwardHeadersStrategy()).isEqualTo(ServerProperties.ForwardHeadersStrategy.NATIVE);
            assertThat(server.getTomcat().getRemoteip().getInternalProxies()).isEqualTo("10\\.0\\.0\\.5");
            assertThat(server.getTomcat().getRemoteip().getProtocolHeader()).isEqualTo("X-Forwarded-Proto");
            assertThat(server.getTomcat().getRemoteip().getHostHeader()).isEqualTo("X-Forwarded-Host");
        });
    }

    @Test
    void withoutTheVariableOnlyPrivateAndLoopbackAddressesAreInternalProxies() {
        context.withInitializer(environment(REQUIRED)).run(started -> {
            Pattern proxies = Pattern.compile(started.getBean(ServerProperties.class).getTomcat().getRemoteip().getInternalProxies());
            assertThat(proxies.matcher("10.1.2.3").matches()).isTrue();
            assertThat(proxies.matcher("172.20.0.1").matches()).isTrue();
            assertThat(proxies.matcher("127.0.0.1").matches()).isTrue();
            assertThat(proxies.matcher("203.0.113.7").matches()).isFalse();
            assertThat(proxies.matcher("172.32.0.1").matches()).isFalse();
        });
    }

    @Test
    void theSigningKeysAreSealedWithTheProductionSecret() {
        context.withInitializer(environment(REQUIRED)).run(started ->
                assertThat(started.getBean(OAuthSettings.class).signingKeySecret()).isEqualTo("a-production-secret-of-32-chars!"));
    }

    @Test
    void withoutTheSigningKeySecretTheStartFails() {
        Map<String, String> variables = new HashMap<>(REQUIRED);
        variables.remove("REFTAB_OAUTH_SIGNING_KEY_SECRET");
        context.withInitializer(environment(variables)).run(started ->
                assertThat(ConfigurationBinding.validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("REFTAB_OAUTH_SIGNING_KEY_SECRET"));
    }
}
