package com.reftab.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.Map;
import java.util.UUID;

import com.reftab.scim.accounts.AccountProjection;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
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

/** How the consumer routes fail: an outage leaves the record unacknowledged, a poison event is parked. */
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
            AdviceWith.adviceWith(camelContext, "role-mapping", route -> {
                route.replaceFromWith(OUTAGE_INPUT);
                route.weaveByType(BeanDefinition.class).before()
                        .throwException(new CannotGetJdbcConnectionException("database unreachable"));
            });
            camelContext.start();
        }
        deadLetterTopic.reset();
    }

    @Test
    void anUndecodableEventIsRetriedTwiceThenParkedWithItsReasonAndOrigin() throws Exception {
        long offset = uniqueOffset();
        deadLetterTopic.expectedBodiesReceived("{not an event");

        Exchange consumed = template.send(DetachedKafkaRoutes.PROJECTION_INPUT,
                exchange -> record(exchange, "{not an event", offset));

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

        template.send(DetachedKafkaRoutes.PROJECTION_INPUT, exchange -> record(exchange, "{\"type\":", offset));

        Map<String, Object> parked = jdbc.queryForMap(
                "select tenant_id, consumer, payload, reason from dead_letter_event where record_offset = ?", offset);
        assertThat(parked).containsEntry("tenant_id", "tenant-a").containsEntry("consumer", "account-projection")
                .containsEntry("payload", "{\"type\":");
        assertThat((String) parked.get("reason")).isNotBlank();
    }

    @Test
    void anEventParkedTwiceIsKeptOnce() {
        long offset = uniqueOffset();

        template.send(DetachedKafkaRoutes.PROJECTION_INPUT, exchange -> record(exchange, "{", offset));
        template.send(DetachedKafkaRoutes.PROJECTION_INPUT, exchange -> record(exchange, "{", offset));

        assertThat(jdbc.queryForObject("select count(*) from dead_letter_event where record_offset = ?",
                Integer.class, offset)).isEqualTo(1);
    }

    @Test
    void anOutageLeavesTheEventUnacknowledgedAndNeverParksIt() throws Exception {
        long offset = uniqueOffset();
        deadLetterTopic.expectedMessageCount(0);

        Exchange consumed = template.send(OUTAGE_INPUT, exchange -> record(exchange, "{\"type\":\"x\"}", offset));

        assertThat(consumed.getException()).isInstanceOf(CannotGetJdbcConnectionException.class);
        deadLetterTopic.assertIsSatisfied();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_event where record_offset = ?",
                Integer.class, offset)).isZero();
    }

    private static void record(Exchange exchange, String value, long offset) {
        exchange.getMessage().setBody(value);
        exchange.getMessage().setHeader("kafka.KEY", "tenant-a");
        exchange.getMessage().setHeader("kafka.TOPIC", "reftab.scim.events");
        exchange.getMessage().setHeader("kafka.PARTITION", 0);
        exchange.getMessage().setHeader("kafka.OFFSET", offset);
    }

    private static long uniqueOffset() {
        return UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE;
    }
}
