package com.reftab.scim.kafka;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The event topics, the consumer groups and routes, and the in-process broker, bound from application.yml. */
class KafkaSettingsTest {

    @EnableConfigurationProperties({EventTopicSettings.class, ConsumerGroups.class, ConsumerSettings.class,
            LocalBrokerSettings.class})
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> {
            assertThat(started.getBean(EventTopicSettings.class)).isEqualTo(new EventTopicSettings(
                    "reftab.scim.events", "reftab.scim.events.dlq", null, null, 1, Duration.ofSeconds(30)));
            ConsumerGroups groups = started.getBean(ConsumerGroups.class);
            assertThat(List.of(groups.projection().groupId(), groups.roleMapping().groupId()))
                    .isEqualTo(List.of("reftab-account-projection", "reftab-role-mapping"));
            assertThat(started.getBean(ConsumerSettings.class))
                    .isEqualTo(new ConsumerSettings(4, 3, 500, 5000, 500, 10, 10));
            LocalBrokerSettings broker = started.getBean(LocalBrokerSettings.class);
            assertThat(broker.dataDir().normalize()).isEqualTo(Path.of("./data").normalize());
            assertThat(broker.kafka().localPort()).isZero();
        });
    }

    @Test
    void theEnvironmentVariablesTheReadmeNamesSetThem() {
        context.withInitializer(environment(Map.of("REFTAB_EVENTS_TOPIC", "events", "REFTAB_DEAD_LETTER_TOPIC", "parked",
                        "REFTAB_EVENTS_REPLICATION_FACTOR", "3", "REFTAB_EVENTS_PARTITIONS", "6",
                        "REFTAB_PROJECTION_GROUP_ID", "projection", "REFTAB_ROLE_MAPPING_GROUP_ID", "roles",
                        "REFTAB_CONSUMER_BATCH_SIZE", "50", "REFTAB_CONSUMER_POISON_RETRIES", "0")))
                .run(started -> {
                    EventTopicSettings topics = started.getBean(EventTopicSettings.class);
                    assertThat(topics.topic()).isEqualTo("events");
                    assertThat(topics.deadLetterTopic()).isEqualTo("parked");
                    assertThat(topics.replicationFactor()).isEqualTo(3);
                    assertThat(topics.partitions()).isEqualTo(6);
                    ConsumerGroups groups = started.getBean(ConsumerGroups.class);
                    assertThat(List.of(groups.projection().groupId(), groups.roleMapping().groupId()))
                            .isEqualTo(List.of("projection", "roles"));
                    assertThat(started.getBean(ConsumerSettings.class).batchSize()).isEqualTo(50);
                    assertThat(started.getBean(ConsumerSettings.class).poisonRetries()).isZero();
                });
    }

    @Test
    void aConsumerBatchOfZeroStopsTheStartNamingTheKeyAndTheBound() {
        context.withPropertyValues("reftab.consumers.batch-size=0").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("reftab.consumers")
                        .hasMessageContaining("batchSize")
                        .hasMessageContaining("must be greater than or equal to 1"));
    }

    @Test
    void aBlankConsumerGroupStopsTheStart() {
        context.withPropertyValues("reftab.role-mapping.group-id= ").run(started ->
                assertThat(validationFailure(started.getStartupFailure())).hasMessageContaining("groupId"));
    }
}
