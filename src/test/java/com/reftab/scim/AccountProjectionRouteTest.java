package com.reftab.scim;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
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

    private void consume(String cloudEvent) {
        DetachedKafkaRoutes.consume(template, DetachedKafkaRoutes.PROJECTION_INPUT, cloudEvent);
    }

    private String event(EventType type, long version, ObjectNode user, Instant time) {
        return ProvisioningEvent.of(TENANT, type, "User", userId, version, user, time).toCloudEvent().toString();
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
        return jdbc.queryForMap("select * from account where tenant_id = ? and user_id = ?", TENANT, userId);
    }

    private Instant disabledAt() {
        return jdbc.queryForObject("select disabled_at from account where tenant_id = ? and user_id = ?",
                Timestamp.class, TENANT, userId).toInstant();
    }
}
