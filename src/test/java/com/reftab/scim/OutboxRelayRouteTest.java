package com.reftab.scim;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.outbox.Outbox;
import org.apache.camel.EndpointInject;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, properties = {
        "reftab.kafka.brokers=127.0.0.1:9",
        "camel.component.kafka.brokers=127.0.0.1:9",
        "spring.datasource.url=jdbc:h2:mem:outbox-relay-route;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/outbox-relay-route",
        "reftab.scim.token=scim-token-outbox-relay",
        "reftab.admin.token=admin-token-outbox-relay",
        "reftab.outbox.poll-interval-ms=50"
})
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxRelayRouteTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    ObjectMapper mapper;

    @EndpointInject("mock:kafka")
    MockEndpoint kafka;

    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachProjection(camelContext);
            DetachedKafkaRoutes.detachRoleMapping(camelContext);
            // On a thread pool the send completes on another thread, as Kafka's acknowledgement does;
            // the batch's records reach the mock one by one, and the first failure fails the send.
            AdviceWith.adviceWith(camelContext, "outbox-relay",
                    route -> route.weaveByToUri("kafka:*").replace().threads(1, 1)
                            .split(route.body()).stopOnException().to("mock:kafka"));
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
    }

    @Test
    void committedEventsArePublishedInSeqOrderKeyedByTenantAsCloudEventsAndMarkedPublished() throws Exception {
        kafka.expectedMessageCount(3);
        kafka.message(0).header("kafka.KEY").isEqualTo("default");
        kafka.message(1).header("kafka.KEY").isEqualTo("acme");
        kafka.message(2).header("kafka.KEY").isEqualTo("default");
        kafka.allMessages().header("content-type").startsWith("application/cloudevents+json");

        jdbc.getJdbcTemplate().update("merge into tenant (id, name, created_at) key (id) values ('acme', 'Acme', current_timestamp)");
        List<String> eventIds = append(
                event("default", EventType.USER_CREATED, "u-1", 1),
                event("acme", EventType.USER_CREATED, "u-2", 1),
                event("default", EventType.USER_DEACTIVATED, "u-1", 2));

        kafka.assertIsSatisfied(BOUND.toMillis());
        assertThat(kafka.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody(String.class))
                .containsExactlyElementsOf(payloadsInSeqOrder(eventIds));
        await().atMost(BOUND).untilAsserted(() -> assertThat(unpublished(eventIds)).isZero());
    }

    @Test
    void failedPublishHoldsBackThatEventAndEveryLaterOneUntilKafkaRecovers() {
        AtomicBoolean kafkaDown = new AtomicBoolean(true);
        List<String> attempted = new CopyOnWriteArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        kafka.whenAnyExchangeReceived(exchange -> {
            String eventId = mapper.readTree(exchange.getMessage().getBody(String.class)).path("id").asText();
            attempted.add(eventId);
            if (kafkaDown.get()) {
                throw new IllegalStateException("broker unavailable");
            }
            delivered.add(eventId);
        });

        List<String> eventIds = append(
                event("default", EventType.USER_CREATED, "u-3", 1),
                event("default", EventType.USER_UPDATED, "u-3", 2),
                event("default", EventType.USER_DELETED, "u-3", 3));

        await().atMost(BOUND).until(() -> attempted.size() >= 3);
        assertThat(attempted).containsOnly(eventIds.get(0));
        assertThat(delivered).isEmpty();
        assertThat(unpublished(eventIds)).isEqualTo(3);

        kafkaDown.set(false);

        await().atMost(BOUND).untilAsserted(() -> assertThat(unpublished(eventIds)).isZero());
        assertThat(delivered).containsExactlyElementsOf(eventIds);
    }

    @Test
    void aSlowAcknowledgementDoesNotLetTheNextPollPublishTheSameEventAgain() {
        CountDownLatch acknowledge = new CountDownLatch(1);
        List<String> attempted = new CopyOnWriteArrayList<>();
        kafka.whenAnyExchangeReceived(exchange -> {
            attempted.add(mapper.readTree(exchange.getMessage().getBody(String.class)).path("id").asText());
            acknowledge.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        });

        List<String> eventIds = append(event("default", EventType.USER_CREATED, "u-4", 1));

        await().atMost(BOUND).until(() -> !attempted.isEmpty());
        // Many poll intervals pass while the first send waits for its acknowledgement.
        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> attempted.size() == 1);
        acknowledge.countDown();
        await().atMost(BOUND).untilAsserted(() -> assertThat(unpublished(eventIds)).isZero());
        assertThat(attempted).containsExactlyElementsOf(eventIds);
    }

    private static ProvisioningEvent event(String tenant, EventType type, String userId, long version) {
        ObjectNode user = JsonNodeFactory.instance.objectNode()
                .put("userName", userId + "@example.com")
                .put("active", type != EventType.USER_DEACTIVATED);
        return ProvisioningEvent.of(tenant, type, "User", userId, version, user, Instant.now());
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
}
