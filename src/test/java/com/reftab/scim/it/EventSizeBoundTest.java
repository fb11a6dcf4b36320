package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.events.EventSizeLimit;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.it.Tenants.Tenant;
import com.reftab.scim.kafka.LocalKafkaBroker;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event bound with the service's default settings: an event of exactly the largest size a
 * write may produce goes through the real producer and broker and is applied by the consumers;
 * one byte more is refused inside the write's transaction, which then changes nothing.
 */
@ScimIntegrationTest
class EventSizeBoundTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    Outbox outbox;

    @Autowired
    EventSizeLimit limit;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LocalKafkaBroker broker;

    @Value("${reftab.events.topic}")
    String topic;

    @Test
    void anEventOfExactlyTheLargestAllowedSizeIsPublishedAndApplied() throws Exception {
        assertThat(limit.maxBytes()).as("the default bound").isEqualTo(1_000_000);
        Tenant tenant = new Tenants(port, "bound").create();
        String userId = UUID.randomUUID().toString();
        ProvisioningEvent event = userCreatedOfSize(tenant.id(), userId, limit.maxBytes());

        transaction.executeWithoutResult(status -> outbox.append(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> tenant.admin().get("/api/admin/accounts/" + userId).status() == 200);
        assertThat(EventTopic.readRaw(broker.bootstrapServers(), topic)).filteredOn(record -> record.value().contains(event.id()))
                .singleElement().satisfies(record ->
                        assertThat(record.value().getBytes(StandardCharsets.UTF_8)).hasSize(limit.maxBytes()));
    }

    @Test
    void anEventOneByteOverIsRefusedAndTheWriteItBelongsToChangesNothing() throws Exception {
        String userId = UUID.randomUUID().toString();
        ProvisioningEvent event = userCreatedOfSize("default", userId, limit.maxBytes() + 1);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update("update tenant set name = name || '' where id = 'default'");
            jdbc.update("insert into outbox_event (tenant_id, event_id, type, subject, occurred_at, payload, payload_bytes)"
                    + " values ('default', ?, 'com.reftab.scim.user.created', 'Users/x', current_timestamp, '{}', 2)", userId);
            outbox.append(event);
        })).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo("invalidValue");
            assertThat(e.detail()).contains(limit.maxBytes() + " bytes");
        });
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where event_id in (?, ?)", Integer.class,
                userId, event.id())).as("the transaction's earlier write and the event").isZero();
    }

    /** A user-created event whose CloudEvent JSON is exactly this many bytes, padded in the user's title. */
    private static ProvisioningEvent userCreatedOfSize(String tenant, String userId, int bytes) throws Exception {
        Instant time = Instant.parse("2026-03-01T10:15:30.123Z");
        ObjectNode user = JsonNodeFactory.instance.objectNode()
                .put("userName", "bound-" + userId + "@example.com").put("active", true).put("title", "");
        String eventId = UUID.randomUUID().toString();
        int envelope = size(new ProvisioningEvent(eventId, tenant, EventType.USER_CREATED, "Users/" + userId, time,
                data(tenant, userId, user)));
        user.put("title", "t".repeat(bytes - envelope));
        ProvisioningEvent event = new ProvisioningEvent(eventId, tenant, EventType.USER_CREATED, "Users/" + userId, time,
                data(tenant, userId, user));
        assertThat(size(event)).isEqualTo(bytes);
        return event;
    }

    private static ObjectNode data(String tenant, String userId, ObjectNode user) {
        ObjectNode data = ProvisioningEvent.data(tenant, "User", userId, 1);
        data.set("resource", user);
        return data;
    }

    private static int size(ProvisioningEvent event) throws Exception {
        return JSON.writeValueAsBytes(event.toCloudEvent()).length;
    }
}
