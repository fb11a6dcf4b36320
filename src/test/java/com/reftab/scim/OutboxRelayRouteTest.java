package com.reftab.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.it.TopicLimit;
import com.reftab.scim.kafka.LocalKafkaBroker;
import com.reftab.scim.outbox.Outbox;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay route as it runs, against the in-process Kafka broker: what it publishes, in
 * which order, under which key and headers, and that it marks an event published only once Kafka
 * has it. The producer lingers 100 ms before each send, so every acknowledgement arrives long after
 * the next poll could start. The relay's own poll comes only every minute, past every bound here: each
 * event is relayed because its commit woke the relay. The consumer routes are kept off the topic; the
 * test reads it itself.
 */
@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:outbox-relay-route;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/outbox-relay-route-${random.uuid}",
        "reftab.scim.token=scim-token-outbox-relay",
        "reftab.admin.token=admin-token-outbox-relay",
        "reftab.outbox.poll-interval-ms=60000",
        "camel.component.kafka.linger-ms=100"
})
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxRelayRouteTest {

    private static final Duration BOUND = Duration.ofSeconds(15);
    /** The topic's limit: far above these tests' small events, below their one large event. */
    private static final int TOPIC_LIMIT = 32 * 1024;

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    LocalKafkaBroker broker;

    @Value("${reftab.events.topic}")
    String topic;

    record Published(String key, String value, String contentType) {
    }

    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachConsumers(camelContext);
            camelContext.start();
        }
        jdbc.getJdbcTemplate().update("merge into tenant (id, name, created_at) key (id) values ('acme', 'Acme', current_timestamp)");
    }

    @Test
    void committedEventsArePublishedInCommitOrderKeyedByTenantAsCloudEventsAndThenMarkedPublished() {
        List<String> eventIds = append(
                event("default", EventType.USER_CREATED, "u-1", 1),
                event("acme", EventType.USER_CREATED, "u-2", 1),
                event("default", EventType.USER_DEACTIVATED, "u-1", 2));

        await().atMost(BOUND).until(() -> unpublished(eventIds) == 0);

        List<Published> published = published(eventIds);
        assertThat(published).extracting(Published::value).containsExactlyElementsOf(payloadsInSeqOrder(eventIds));
        assertThat(published).extracting(Published::key).containsExactly("default", "acme", "default");
        assertThat(published).extracting(Published::contentType).containsOnly("application/cloudevents+json; charset=UTF-8");
    }

    @Test
    void aCommittedEventWakesTheRelayAtOnceWithoutWaitingForItsPoll() {
        // The first send also connects the producer: not what is timed here.
        List<String> first = append(event("acme", EventType.USER_CREATED, "first", 1));
        await().atMost(BOUND).until(() -> unpublished(first) == 0);

        List<String> eventIds = append(event("acme", EventType.USER_CREATED, "woken", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> unpublished(eventIds) == 0);
    }

    @Test
    void anAcknowledgementSlowerThanThePollIntervalDoesNotLetTheNextPollSendTheSameEventsAgain() {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            eventIds.addAll(append(event("default", EventType.USER_CREATED, "slow-" + i, 1)));
        }

        await().atMost(BOUND).until(() -> unpublished(eventIds) == 0);

        assertThat(published(eventIds)).extracting(record -> id(record.value())).containsExactlyElementsOf(eventIds);
    }

    @Test
    void aBatchKafkaRefusesIsSentOneEventAtATimeSoTheRefusedEventHoldsOnlyItsTenant() throws Exception {
        TopicLimit.set(broker.bootstrapServers(), topic, TOPIC_LIMIT);
        jdbc.getJdbcTemplate().update("merge into tenant (id, name, created_at) key (id) values ('big', 'Big', current_timestamp)");
        List<String> before = append(event("big", EventType.USER_CREATED, "b-1", 1), event("default", EventType.USER_CREATED, "d-1", 1));
        List<String> refused = append(largeEvent("big", "b-1", 2));
        List<String> after = append(event("default", EventType.USER_CREATED, "d-2", 1), event("big", EventType.USER_UPDATED, "b-1", 3),
                event("acme", EventType.USER_CREATED, "a-1", 1));

        await().atMost(BOUND).until(() -> unpublished(before) == 0 && unpublished(List.of(after.get(0), after.get(2))) == 0);

        assertThat(heldEvents("big")).containsExactly(refused.get(0), after.get(1));
        assertThat(jdbc.getJdbcTemplate().queryForObject("select reason from outbox_hold where tenant_id = 'big'", String.class))
                .startsWith("RecordTooLargeException");
        assertThat(published(List.of(refused.get(0)))).as("the refused event is not on the topic").isEmpty();
    }

    private static ProvisioningEvent event(String tenant, EventType type, String userId, long version) {
        ObjectNode user = JsonNodeFactory.instance.objectNode()
                .put("userName", userId + "-" + UUID.randomUUID() + "@example.com")
                .put("active", type != EventType.USER_DEACTIVATED);
        return ProvisioningEvent.of(tenant, type, "User", userId, version, user, Instant.now());
    }

    /** An update whose snapshot is larger than the topic takes. */
    private static ProvisioningEvent largeEvent(String tenant, String userId, long version) {
        ObjectNode user = JsonNodeFactory.instance.objectNode()
                .put("userName", userId + "@example.com")
                .put("title", "t".repeat(TOPIC_LIMIT + 1));
        return ProvisioningEvent.of(tenant, EventType.USER_UPDATED, "User", userId, version, user, Instant.now());
    }

    private List<String> heldEvents(String tenant) {
        return jdbc.getJdbcTemplate().queryForList("select event_id from outbox_event where tenant_id = ?"
                + " and held_at is not null and published_at is null order by seq", String.class, tenant);
    }

    private List<String> append(ProvisioningEvent... events) {
        transaction.executeWithoutResult(status -> {
            for (ProvisioningEvent event : events) {
                outbox.append(event);
            }
        });
        return Arrays.stream(events).map(ProvisioningEvent::id).toList();
    }

    private List<String> payloadsInSeqOrder(List<String> eventIds) {
        return jdbc.queryForList("select payload from outbox_event where event_id in (:ids) order by seq",
                Map.of("ids", eventIds), String.class);
    }

    private int unpublished(List<String> eventIds) {
        Integer count = jdbc.queryForObject(
                "select count(*) from outbox_event where event_id in (:ids) and published_at is null",
                Map.of("ids", eventIds), Integer.class);
        return count == null ? -1 : count;
    }

    /** Every record on the topic that carries one of these events, in topic order. */
    private List<Published> published(List<String> eventIds) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-route-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Published> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, BOUND).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (eventIds.contains(id(record.value()))) {
                        var contentType = record.headers().lastHeader("content-type");
                        records.add(new Published(record.key(), record.value(),
                                contentType == null ? null : new String(contentType.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return records;
    }

    private static String id(String cloudEvent) {
        int start = cloudEvent.indexOf("\"id\":\"") + 6;
        return cloudEvent.substring(start, cloudEvent.indexOf('"', start));
    }
}
