package com.reftab.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.accounts.AccountProjection;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * How the consumer routes fail: an outage leaves the batch unacknowledged, a poison event is parked
 * alone while the rest of its batch applies.
 */
@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, properties = {
        "reftab.kafka.brokers=127.0.0.1:9",
        "camel.component.kafka.brokers=127.0.0.1:9",
        "spring.datasource.url=jdbc:h2:mem:consumer-failure-route;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/consumer-failure-route",
        "reftab.scim.token=scim-token-consumer-failure",
        "reftab.admin.token=admin-token-consumer-failure",
        "reftab.consumers.poison-retries=2",
        "reftab.consumers.outage-retries=1",
        "reftab.consumers.retry-delay-ms=1"
})
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConsumerFailureRouteTest {

    private static final String OUTAGE_INPUT = "direct:role-mapping-outage-test";

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    JdbcTemplate jdbc;

    @MockitoSpyBean
    AccountProjection projection;

    @EndpointInject("mock:dead-letter-topic")
    MockEndpoint deadLetterTopic;

    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachAll(camelContext);
            AdviceWith.adviceWith(camelContext, "event-dead-letter",
                    route -> route.weaveByToUri("kafka:*").replace().to("mock:dead-letter-topic"));
            AdviceWith.adviceWith(camelContext, "role-mapping", route -> route.replaceFromWith(OUTAGE_INPUT));
            // The role mapping's every try, the poll's and each record's, meets the outage once its writes are done.
            AdviceWith.adviceWith(camelContext, "role-mapping-apply", route -> route.weaveAddLast()
                    .throwException(new CannotGetJdbcConnectionException("database unreachable")));
            camelContext.start();
        }
        deadLetterTopic.reset();
    }

    @Test
    void anUndecodableEventIsRetriedTwiceThenParkedWithItsReasonAndOrigin() throws Exception {
        long offset = uniqueOffset();
        deadLetterTopic.expectedBodiesReceived("{not an event");

        Exchange consumed = consume(DetachedKafkaRoutes.PROJECTION_INPUT, record("{not an event", offset));

        assertThat(consumed.getException()).as("the consumer moves on").isNull();
        deadLetterTopic.assertIsSatisfied();
        Map<String, Object> headers = deadLetterTopic.getExchanges().get(0).getMessage().getHeaders();
        assertThat(headers).containsEntry("reftab-dead-letter-consumer", "account-projection")
                .containsEntry("reftab-original-topic", "reftab.scim.events")
                .containsEntry("reftab-original-offset", Long.toString(offset))
                .containsEntry("kafka.KEY", "tenant-a");
        assertThat((String) headers.get("reftab-dead-letter-reason")).contains("JsonParseException");
        verify(projection, times(3)).apply("{not an event");
    }

    @Test
    void aParkedEventIsListedForItsTenant() {
        long offset = uniqueOffset();

        consume(DetachedKafkaRoutes.PROJECTION_INPUT, record("{\"type\":", offset));

        Map<String, Object> parked = jdbc.queryForMap(
                "select tenant_id, consumer, payload, reason from dead_letter_event where record_offset = ?", offset);
        assertThat(parked).containsEntry("tenant_id", "tenant-a").containsEntry("consumer", "account-projection")
                .containsEntry("payload", "{\"type\":");
        assertThat((String) parked.get("reason")).isNotBlank();
    }

    @Test
    void anEventParkedTwiceIsKeptOnce() {
        long offset = uniqueOffset();

        consume(DetachedKafkaRoutes.PROJECTION_INPUT, record("{", offset));
        consume(DetachedKafkaRoutes.PROJECTION_INPUT, record("{", offset));

        assertThat(jdbc.queryForObject("select count(*) from dead_letter_event where record_offset = ?",
                Integer.class, offset)).isEqualTo(1);
    }

    @Test
    void aPoisonEventIsParkedAloneWhileTheRestOfItsBatchApplies() throws Exception {
        long offset = uniqueOffset();
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        KafkaManualCommit firstCommit = mock(KafkaManualCommit.class);
        KafkaManualCommit lastCommit = mock(KafkaManualCommit.class);
        deadLetterTopic.expectedBodiesReceived("{poison");

        Exchange consumed = consume(DetachedKafkaRoutes.PROJECTION_INPUT,
                committable(record(userCreated(before), offset), firstCommit),
                record("{poison", offset + 1),
                committable(record(userCreated(after), offset + 2), lastCommit));

        assertThat(consumed.getException()).isNull();
        deadLetterTopic.assertIsSatisfied();
        assertThat(jdbc.queryForObject("select count(*) from account where tenant_id = 'tenant-a' and user_id in (?, ?)",
                Integer.class, before, after)).isEqualTo(2);
        verify(firstCommit, never()).commit();
        verify(lastCommit).commit();
    }

    @Test
    void anEventRefusedAsItIsWrittenIsParkedAsTheEventItWas() throws Exception {
        long offset = uniqueOffset();
        // Decoded and decided, then refused by the store: the account's user_name holds 512 characters.
        ObjectNode user = JsonNodeFactory.instance.objectNode().put("userName", "x".repeat(600)).put("active", true);
        String tooLong = ProvisioningEvent.of("tenant-a", EventType.USER_CREATED, "User", UUID.randomUUID().toString(), 1,
                user, Instant.now()).toCloudEvent().toString();
        deadLetterTopic.expectedBodiesReceived(tooLong);

        consume(DetachedKafkaRoutes.PROJECTION_INPUT, record(tooLong, offset));

        deadLetterTopic.assertIsSatisfied();
        assertThat(jdbc.queryForObject("select payload from dead_letter_event where record_offset = ?", String.class, offset))
                .as("what the admins see, and could replay").isEqualTo(tooLong);
    }

    @Test
    void aRecordTriedAgainAfterAnOutageIsTriedAsTheEventItWas() throws Exception {
        long offset = uniqueOffset();
        String userId = UUID.randomUUID().toString();
        CannotGetJdbcConnectionException outage = new CannotGetJdbcConnectionException("database unreachable");
        // The poll's try and the record's first try meet an outage once the account is written; the next try does not.
        doThrow(outage).doThrow(outage).doCallRealMethod().when(projection).written(any(), anyInt());
        deadLetterTopic.expectedMessageCount(0);

        Exchange consumed = consume(DetachedKafkaRoutes.PROJECTION_INPUT, record(userCreated(userId), offset));

        assertThat(consumed.getException()).isNull();
        deadLetterTopic.assertIsSatisfied();
        assertThat(jdbc.queryForObject("select count(*) from account where tenant_id = 'tenant-a' and user_id = ?",
                Integer.class, userId)).isEqualTo(1);
        verify(projection, times(3)).written(any(), anyInt());
    }

    @Test
    void anOutageLeavesTheBatchUnacknowledgedAndNeverParksIt() throws Exception {
        long offset = uniqueOffset();
        KafkaManualCommit commit = mock(KafkaManualCommit.class);
        deadLetterTopic.expectedMessageCount(0);

        Exchange consumed = consume(OUTAGE_INPUT, committable(record("{\"type\":\"x\"}", offset), commit));

        assertThat(consumed.getException()).hasRootCauseInstanceOf(CannotGetJdbcConnectionException.class);
        deadLetterTopic.assertIsSatisfied();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_event where record_offset = ?",
                Integer.class, offset)).isZero();
        verify(commit, never()).commit();
    }

    @Test
    void anOutageAfterTheWritesOfAPollRollsThemAllBack() {
        String groupId = UUID.randomUUID().toString();
        String userId = UUID.randomUUID().toString();
        ObjectNode data = ProvisioningEvent.data("tenant-a", "Group", groupId, 2);
        data.putArray("members").addObject().put("value", userId);
        String membersAdded = ProvisioningEvent.withData("tenant-a", EventType.GROUP_MEMBERS_ADDED, "Groups/" + groupId,
                data, Instant.now()).toCloudEvent().toString();

        Exchange consumed = consume(OUTAGE_INPUT, record(membersAdded, uniqueOffset()));

        assertThat(consumed.getException()).hasRootCauseInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(jdbc.queryForObject("select count(*) from projected_group_member where tenant_id = 'tenant-a'"
                + " and group_id = ?", Integer.class, groupId)).as("the membership written by jdbc:").isZero();
        assertThat(jdbc.queryForObject("select count(*) from account_access where tenant_id = 'tenant-a' and user_id = ?",
                Integer.class, userId)).as("the role written by jdbc:").isZero();
    }

    @SafeVarargs
    private Exchange consume(String input, Consumer<Message>... records) {
        return DetachedKafkaRoutes.consumeRecords(template, input, List.of(records));
    }

    private static Consumer<Message> committable(Consumer<Message> record, KafkaManualCommit commit) {
        return record.andThen(message -> message.setHeader("CamelKafkaManualCommit", commit));
    }

    private static String userCreated(String userId) {
        ObjectNode user = JsonNodeFactory.instance.objectNode().put("userName", userId + "@example.com").put("active", true);
        return ProvisioningEvent.of("tenant-a", EventType.USER_CREATED, "User", userId, 1, user, Instant.now())
                .toCloudEvent().toString();
    }

    private static Consumer<Message> record(String value, long offset) {
        return message -> {
            message.setBody(value);
            message.setHeader("kafka.KEY", "tenant-a");
            message.setHeader("kafka.TOPIC", "reftab.scim.events");
            message.setHeader("kafka.PARTITION", 0);
            message.setHeader("kafka.OFFSET", offset);
        };
    }

    private static long uniqueOffset() {
        return UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE;
    }
}
