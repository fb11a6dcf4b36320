package com.reftab.scim;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.accounts.AccountChange;
import com.reftab.scim.accounts.AccountProjection;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, properties = {
        "reftab.kafka.brokers=127.0.0.1:9",
        "camel.component.kafka.brokers=127.0.0.1:9",
        "spring.datasource.url=jdbc:h2:mem:account-projection-route;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/account-projection-route",
        "reftab.scim.token=scim-token-account-projection",
        "reftab.admin.token=admin-token-account-projection"
})
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountProjectionRouteTest {

    private static final String TENANT = "default";
    private static final Instant CREATED = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant DEACTIVATED = Instant.parse("2025-03-02T09:00:00Z");
    private static final Instant DELETED = Instant.parse("2025-03-03T09:00:00Z");

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountProjection projection;

    @Autowired
    MeterRegistry meters;

    private final String userId = UUID.randomUUID().toString();

    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachAll(camelContext);
            camelContext.start();
        }
    }

    @Test
    void userCreatedOpensAnActiveAccountWithTheUsersDetails() {
        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));

        Map<String, Object> account = account();
        assertThat(account.get("status")).isEqualTo("active");
        assertThat(account.get("version")).isEqualTo(1L);
        assertThat(account.get("deleted")).isEqualTo(false);
        assertThat(account.get("user_name")).isEqualTo("ada@example.com");
        assertThat(account.get("email")).isEqualTo("ada@work.example.com");
        assertThat(account.get("given_name")).isEqualTo("Ada");
        assertThat(account.get("disabled_at")).isNull();
    }

    @Test
    void deactivationAtAHigherVersionDisablesTheAccountFromTheEventTime() {
        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));

        consume(event(EventType.USER_DEACTIVATED, 2, user("ada@example.com", false), DEACTIVATED));

        Map<String, Object> account = account();
        assertThat(account.get("status")).isEqualTo("disabled");
        assertThat(account.get("version")).isEqualTo(2L);
        assertThat(disabledAt()).isEqualTo(DEACTIVATED);
    }

    @Test
    void replayedEventsOfAnOlderOrEqualVersionChangeNothing() {
        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));
        consume(event(EventType.USER_DEACTIVATED, 2, user("ada@example.com", false), DEACTIVATED));
        Map<String, Object> before = account();

        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));
        consume(event(EventType.USER_REACTIVATED, 2, user("ada.lovelace@example.com", true), DELETED));

        assertThat(account()).isEqualTo(before);
    }

    @Test
    void userDeletedKeepsADisabledAccountMarkedDeleted() {
        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));

        consume(event(EventType.USER_DELETED, 2, user("ada@example.com", true), DELETED));

        Map<String, Object> account = account();
        assertThat(account.get("status")).isEqualTo("disabled");
        assertThat(account.get("deleted")).isEqualTo(true);
        assertThat(disabledAt()).isEqualTo(DELETED);
    }

    @Test
    void theAccountKeepsItsUserNameAndEmailLowerCasedAsKeysForLoansMadeByName() {
        ObjectNode user = user("Ada.Lovelace@Example.COM", true);
        user.withArray("emails").removeAll().addObject().put("value", "ADA@Work.Example.com").put("primary", true);
        consume(event(EventType.USER_CREATED, 1, user, CREATED));
        consume(event(EventType.USER_UPDATED, 2, user.put("userName", "Ada.King@Example.COM"), DEACTIVATED));

        Map<String, Object> account = account();
        assertThat(account.get("user_name_key")).isEqualTo("ada.king@example.com");
        assertThat(account.get("email_key")).isEqualTo("ada@work.example.com");
    }

    @Test
    void aPollsChangesOfSeveralTenantsAccountsMakeOneStatement() {
        List<AccountChange> changes = List.of(created(userId, "ada@example.com"),
                new AccountChange("other-tenant", userId, 1, "ada@example.org", null, null, null, null, "active", false,
                        false, CREATED),
                created(UUID.randomUUID().toString(), "grace@example.com"));

        assertThat(projection.rows(changes)).singleElement()
                .satisfies(rows -> assertThat(rows.changes()).isEqualTo(changes));
    }

    @Test
    void oneStatementWritesTheSameUserIdOfTwoTenantsToEachTenantsAccount() {
        applyAsOnePoll(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED),
                ProvisioningEvent.of("other-tenant", EventType.USER_CREATED, "User", userId, 1,
                        user("ada@example.org", true), CREATED).toCloudEvent().toString());

        assertThat(account().get("user_name")).isEqualTo("ada@example.com");
        assertThat(jdbc.queryForObject("select user_name from account where tenant_id = 'other-tenant' and user_id = ?",
                String.class, userId)).isEqualTo("ada@example.org");
    }

    @Test
    void aPollsChangesOfSeveralAccountsEachReachTheirAccount() {
        String grace = UUID.randomUUID().toString();

        applyAsOnePoll(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED),
                event(grace, EventType.USER_CREATED, 1, user("grace@example.com", true), CREATED),
                event(EventType.USER_DEACTIVATED, 2, user("ada@example.com", false), DEACTIVATED));

        assertThat(account().get("status")).isEqualTo("disabled");
        assertThat(account().get("version")).isEqualTo(2L);
        assertThat(account(grace).get("status")).isEqualTo("active");
        assertThat(account(grace).get("user_name")).isEqualTo("grace@example.com");
    }

    @Test
    void anAccountChangedSeveralTimesInOnePollEndsAtItsLatestVersionDisabledSinceItsFirstDeactivation() {
        applyAsOnePoll(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED),
                event(EventType.USER_DEACTIVATED, 2, user("ada@example.com", false), DEACTIVATED),
                event(EventType.USER_UPDATED, 3, user("ada.king@example.com", false), DELETED));

        Map<String, Object> account = account();
        assertThat(account.get("version")).isEqualTo(3L);
        assertThat(account.get("user_name")).isEqualTo("ada.king@example.com");
        assertThat(account.get("status")).isEqualTo("disabled");
        assertThat(disabledAt()).isEqualTo(DEACTIVATED);
    }

    @Test
    void aPollOfMoreAccountsThanAStatementHoldsMakesStatementsOfTheBound() {
        List<AccountChange> changes = IntStream.rangeClosed(1, AccountProjection.ROWS_PER_STATEMENT + 1)
                .mapToObj(i -> created(UUID.randomUUID().toString(), "user" + i + "@example.com")).toList();

        assertThat(projection.rows(changes)).extracting(rows -> rows.changes().size())
                .containsExactly(AccountProjection.ROWS_PER_STATEMENT, 1);
    }

    @Test
    void aPollOfMoreAccountsThanAStatementHoldsReachesEveryAccount() {
        List<String> userIds = IntStream.rangeClosed(1, AccountProjection.ROWS_PER_STATEMENT + 1)
                .mapToObj(i -> UUID.randomUUID().toString()).toList();

        applyAsOnePoll(userIds.stream().map(id -> event(id, EventType.USER_CREATED, 1, user(id + "@example.com", true), CREATED))
                .toArray(String[]::new));

        assertThat(userIds).allSatisfy(id -> assertThat(account(id).get("user_name")).isEqualTo(id + "@example.com"));
    }

    @Test
    void changesNoNewerThanTheAccountAreNotWrittenAgain() {
        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));
        consume(event(EventType.USER_DEACTIVATED, 2, user("ada@example.com", false), DEACTIVATED));

        List<AccountProjection.AccountRows> statements = projection.rows(List.of(created(userId, "ada@example.com"),
                new AccountChange(TENANT, userId, 2, "ada@example.com", null, null, null, null, "disabled", false, true, DEACTIVATED),
                new AccountChange(TENANT, userId, 3, "ada@example.com", null, null, null, null, "active", false, false, DELETED)));

        assertThat(statements).singleElement().satisfies(rows -> assertThat(rows.changes())
                .extracting(AccountChange::version).containsExactly(3L));
    }

    @Test
    void aValueLongerThanItsColumnIsRefusedNotCutShort() {
        String tooLong = event(EventType.USER_CREATED, 1, user("x".repeat(600) + "@example.com", true), CREATED);

        assertThatThrownBy(() -> applyAsOnePoll(tooLong)).rootCause().isInstanceOf(SQLException.class)
                .extracting(refused -> ((SQLException) refused).getSQLState()).as("data too long").isEqualTo("22001");
        assertThat(jdbc.queryForObject("select count(*) from account where tenant_id = ? and user_id = ?",
                Integer.class, TENANT, userId)).isZero();
    }

    @Test
    void aReplayedChangeIsNotMeasuredAsADelay() {
        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));
        long measured = delaysMeasured();

        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));

        assertThat(delaysMeasured()).isEqualTo(measured);
    }

    @Test
    void aPollOfAReplayAndANewChangeMeasuresTheNewOneOnly() {
        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));
        long measured = delaysMeasured();

        applyAsOnePoll(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED),
                event(UUID.randomUUID().toString(), EventType.USER_CREATED, 1, user("grace@example.com", true), CREATED));

        assertThat(delaysMeasured()).isEqualTo(measured + 1);
    }

    @Test
    void aStatementAnotherWriterCameBeforeMeasuresOnlyTheChangesTheAccountsNowHold() {
        consume(event(EventType.USER_CREATED, 1, user("ada@example.com", true), CREATED));
        String grace = UUID.randomUUID().toString();
        AccountProjection.AccountRows rows = projection.rows(List.of(
                new AccountChange(TENANT, userId, 2, "ada@example.com", null, null, null, null, "disabled", false, true,
                        DEACTIVATED),
                created(grace, "grace@example.com"))).get(0);
        // Between the read and the write another writer took ada's account past version 2, so the
        // statement changed grace's account alone.
        consume(event(EventType.USER_UPDATED, 3, user("ada.king@example.com", true), DELETED));
        consume(event(grace, EventType.USER_CREATED, 1, user("grace@example.com", true), CREATED));
        long measured = delaysMeasured();

        projection.written(rows, 1);

        assertThat(delaysMeasured()).as("grace's creation, not ada's deactivation").isEqualTo(measured + 1);
    }

    private void consume(String cloudEvent) {
        DetachedKafkaRoutes.consume(template, DetachedKafkaRoutes.PROJECTION_INPUT, cloudEvent);
    }

    /** A poll's events applied together, without the consumer's fall-back to one event at a time should that fail. */
    private void applyAsOnePoll(String... cloudEvents) {
        template.requestBody("direct:account-projection-apply", List.of(cloudEvents));
    }

    private long delaysMeasured() {
        return meters.get("reftab.projection.delay").timer().count();
    }

    private String event(EventType type, long version, ObjectNode user, Instant time) {
        return event(userId, type, version, user, time);
    }

    private static String event(String userId, EventType type, long version, ObjectNode user, Instant time) {
        return ProvisioningEvent.of(TENANT, type, "User", userId, version, user, time).toCloudEvent().toString();
    }

    private static AccountChange created(String userId, String userName) {
        return new AccountChange(TENANT, userId, 1, userName, null, null, null, null, "active", false, false, CREATED);
    }

    private static ObjectNode user(String userName, boolean active) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.put("userName", userName);
        user.put("active", active);
        user.putObject("name").put("givenName", "Ada").put("familyName", "Lovelace");
        user.putArray("emails").addObject().put("value", "ada@work.example.com").put("primary", true);
        return user;
    }

    private Map<String, Object> account() {
        return account(userId);
    }

    private Map<String, Object> account(String user) {
        return jdbc.queryForMap("select * from account where tenant_id = ? and user_id = ?", TENANT, user);
    }

    private Instant disabledAt() {
        return jdbc.queryForObject("select disabled_at from account where tenant_id = ? and user_id = ?",
                Timestamp.class, TENANT, userId).toInstant();
    }
}
