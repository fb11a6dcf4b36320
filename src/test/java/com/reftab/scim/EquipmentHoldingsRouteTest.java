package com.reftab.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.reftab.scim.equipment.EquipmentHoldings;
import com.reftab.scim.equipment.HeldItem;
import com.reftab.scim.equipment.LoanEvent;
import com.reftab.scim.equipment.LoanType;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The equipment-holdings consumer (routes/equipment-holdings.yaml) on its own: what each loan event
 * does to the holdings, whatever order the events come in and however often.
 */
@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, properties = {
        "reftab.kafka.brokers=127.0.0.1:9",
        "camel.component.kafka.brokers=127.0.0.1:9",
        "spring.datasource.url=jdbc:h2:mem:equipment-holdings-route;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/equipment-holdings-route",
        "reftab.scim.token=scim-token-equipment-holdings",
        "reftab.admin.token=admin-token-equipment-holdings",
        "reftab.consumers.poison-retries=1",
        "reftab.consumers.retry-delay-ms=1"
})
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EquipmentHoldingsRouteTest {

    private static final String INPUT = DetachedKafkaRoutes.input("equipment-holdings");
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2026-03-04T09:00:00Z");

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EquipmentHoldings holdings;

    @EndpointInject("mock:dead-letter-topic")
    MockEndpoint deadLetterTopic;

    private final String tenant = "holdings-" + UUID.randomUUID().toString().substring(0, 8);
    private final String ada = UUID.randomUUID().toString();
    private final String grace = UUID.randomUUID().toString();
    private final String laptop = "item-" + UUID.randomUUID();

    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachAll(camelContext);
            AdviceWith.adviceWith(camelContext, "event-dead-letter",
                    route -> route.weaveByToUri("kafka:*").replace().to("mock:dead-letter-topic"));
            camelContext.start();
        }
        deadLetterTopic.reset();
    }

    @Test
    void aCheckoutMakesTheItemHeldByThePersonSinceItsTime() {
        consume(checkout(laptop, 1, ada, MONDAY));

        assertThat(holdings.heldBy(tenant, ada)).containsExactly(new HeldItem(laptop, "MacBook Pro 14", "Laptops",
                "RT-0042", MONDAY, new BigDecimal("2499.00"), "USD"));
    }

    @Test
    void aReturnTakesTheItemBack() {
        consume(checkout(laptop, 1, ada, MONDAY));

        consume(other(LoanType.RETURNED, laptop, 2, TUESDAY));

        assertThat(holdings.heldBy(tenant, ada)).isEmpty();
        assertThat(status(laptop)).isEqualTo("returned");
    }

    @Test
    void aReturnSeenBeforeItsCheckoutLeavesNoPhantomItem() {
        consume(other(LoanType.RETURNED, laptop, 2, TUESDAY));

        consume(checkout(laptop, 1, ada, MONDAY));

        assertThat(holdings.heldBy(tenant, ada)).isEmpty();
        assertThat(status(laptop)).isEqualTo("returned");
    }

    @Test
    void aReturnAndItsCheckoutInOneBatchInEitherOrderLeaveTheItemReturned() {
        String badge = "item-" + UUID.randomUUID();

        consume(other(LoanType.RETURNED, laptop, 2, TUESDAY), checkout(laptop, 1, ada, MONDAY),
                checkout(badge, 1, ada, MONDAY), other(LoanType.RETURNED, badge, 2, TUESDAY));

        assertThat(holdings.heldBy(tenant, ada)).isEmpty();
    }

    @Test
    void aReturnOfTheSameVersionAsItsCheckoutTakesTheItemBack() {
        consume(checkout(laptop, 7, ada, MONDAY));

        consume(other(LoanType.RETURNED, laptop, 7, MONDAY));

        assertThat(holdings.heldBy(tenant, ada)).isEmpty();
        assertThat(status(laptop)).isEqualTo("returned");
    }

    @Test
    void aCheckoutOfTheSameVersionAsAReturnSeenBeforeItLeavesNoPhantomItem() {
        consume(other(LoanType.WRITTEN_OFF, laptop, 7, MONDAY));

        consume(checkout(laptop, 7, ada, MONDAY));

        assertThat(holdings.heldBy(tenant, ada)).isEmpty();
        assertThat(status(laptop)).isEqualTo("written-off");
    }

    @Test
    void earlierEventsDeliveredAgainChangeNothing() {
        consume(checkout(laptop, 1, ada, MONDAY), other(LoanType.RETURNED, laptop, 2, TUESDAY),
                checkout(laptop, 3, grace, WEDNESDAY));
        Map<String, Object> before = row(laptop);

        consume(other(LoanType.RETURNED, laptop, 2, TUESDAY));
        consume(checkout(laptop, 1, ada, MONDAY));

        assertThat(row(laptop)).isEqualTo(before);
        assertThat(holdings.heldBy(tenant, grace)).extracting(HeldItem::itemId).containsExactly(laptop);
        assertThat(holdings.heldBy(tenant, ada)).isEmpty();
    }

    @Test
    void aWriteOffEndsTheLoanAndKeepsTheItemsDescription() {
        consume(checkout(laptop, 1, ada, MONDAY));

        consume(other(LoanType.WRITTEN_OFF, laptop, 2, TUESDAY));

        assertThat(holdings.heldBy(tenant, ada)).isEmpty();
        assertThat(row(laptop)).containsEntry("status", "written-off").containsEntry("name", "MacBook Pro 14");
    }

    @Test
    void aLoanByUserNameIsTheAccountsOnceItExists() {
        consume(loan(LoanType.CHECKED_OUT, laptop, 1, null, "Ada@Example.com", null, MONDAY));
        assertThat(holdings.heldBy(tenant, ada)).isEmpty();

        account(ada, "ada@example.com", "ada@work.example.com");

        assertThat(holdings.heldBy(tenant, ada)).extracting(HeldItem::itemId).containsExactly(laptop);
    }

    @Test
    void aLoanByEmailIsTheAccountsWithThatEmail() {
        account(ada, "ada", "ada@work.example.com");

        consume(loan(LoanType.CHECKED_OUT, laptop, 1, null, null, "ADA@work.example.com", MONDAY));

        assertThat(holdings.heldBy(tenant, ada)).extracting(HeldItem::itemId).containsExactly(laptop);
    }

    @Test
    void anotherTenantsAccountOfTheSameUserNameHoldsNothingOfThisTenant() {
        jdbc.update("insert into account (tenant_id, user_id, user_name, user_name_key, email, status, version, deleted, created_at,"
                + " updated_at) values (?, ?, ?, ?, null, 'active', 1, false, ?, ?)", "other-" + tenant, grace,
                "grace@example.com", "grace@example.com", Timestamp.from(MONDAY), Timestamp.from(MONDAY));

        consume(loan(LoanType.CHECKED_OUT, laptop, 1, null, "grace@example.com", null, MONDAY));

        assertThat(holdings.heldBy("other-" + tenant, grace)).isEmpty();
        assertThat(holdings.heldBy(tenant, grace)).isEmpty();
    }

    @Test
    void aLoanPastItsBoundsIsParkedAndTheRestOfItsBatchApplies() throws Exception {
        String tooLong = "x".repeat(129);
        deadLetterTopic.expectedMessageCount(1);

        Exchange consumed = DetachedKafkaRoutes.consumeRecords(template, INPUT, List.of(
                record(checkout(tooLong, 1, ada, MONDAY), 1), record(checkout(laptop, 1, ada, MONDAY), 2)));

        assertThat(consumed.getException()).as("the consumer moves on").isNull();
        deadLetterTopic.assertIsSatisfied();
        assertThat((String) deadLetterTopic.getExchanges().get(0).getMessage().getHeader("reftab-dead-letter-reason"))
                .contains("'itemId' is at most 128 characters");
        assertThat(holdings.heldBy(tenant, ada)).extracting(HeldItem::itemId).containsExactly(laptop);
    }

    private void consume(String... cloudEvents) {
        DetachedKafkaRoutes.consume(template, INPUT, cloudEvents);
    }

    private Consumer<Message> record(String value, long offset) {
        long unique = UUID.randomUUID().getMostSignificantBits() & 0xffffffffL;
        return message -> {
            message.setBody(value);
            message.setHeader("kafka.KEY", tenant);
            message.setHeader("kafka.TOPIC", "reftab.assets.loans");
            message.setHeader("kafka.PARTITION", 0);
            message.setHeader("kafka.OFFSET", unique * 10 + offset);
        };
    }

    private String checkout(String itemId, long version, String userId, Instant time) {
        return loan(LoanType.CHECKED_OUT, itemId, version, userId, null, null, time);
    }

    private String other(LoanType type, String itemId, long version, Instant time) {
        return new LoanEvent(null, tenant, type, itemId, version, null, null, null, null, null, null, null, null, time)
                .toCloudEvent().toString();
    }

    private String loan(LoanType type, String itemId, long version, String userId, String userName, String email,
                        Instant time) {
        return new LoanEvent(null, tenant, type, itemId, version, "MacBook Pro 14", "Laptops", "RT-0042",
                new BigDecimal("2499.00"), "USD", userId, userName, email, time).toCloudEvent().toString();
    }

    private void account(String userId, String userName, String email) {
        // The keys as the account projection writes them.
        jdbc.update("insert into account (tenant_id, user_id, user_name, email, user_name_key, email_key, status, version,"
                + " deleted, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'active', 1, false, ?, ?)", tenant, userId,
                userName, email, userName.toLowerCase(java.util.Locale.ROOT),
                email == null ? null : email.toLowerCase(java.util.Locale.ROOT), Timestamp.from(MONDAY), Timestamp.from(MONDAY));
    }

    private String status(String itemId) {
        return (String) row(itemId).get("status");
    }

    private Map<String, Object> row(String itemId) {
        return jdbc.queryForMap("select * from equipment_loan where tenant_id = ? and item_id = ?", tenant, itemId);
    }
}
