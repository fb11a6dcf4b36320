package com.reftab.scim.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ProvisioningEventTest {

    private static ObjectNode user() {
        return JsonNodeFactory.instance.objectNode().put("userName", "ann@example.com").put("active", false);
    }

    @Test
    void specVersionIsOnePointZero() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        assertThat(event.toCloudEvent().get("specversion").asText()).isEqualTo("1.0");
    }

    @Test
    void idIsTheEventId() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        assertThat(event.toCloudEvent().get("id").asText()).isNotBlank().isEqualTo(event.id());
    }

    @Test
    void eachEventHasItsOwnId() {
        Instant time = Instant.parse("2025-03-01T10:15:30.123Z");
        ProvisioningEvent first = ProvisioningEvent.of("t1", EventType.USER_UPDATED, "User", "u1", 3, user(), time);
        ProvisioningEvent second = ProvisioningEvent.of("t1", EventType.USER_UPDATED, "User", "u1", 3, user(), time);

        assertThat(first.toCloudEvent().get("id")).isNotEqualTo(second.toCloudEvent().get("id"));
    }

    @Test
    void sourceIsTheTenantsScimEndpoint() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        assertThat(event.toCloudEvent().get("source").asText()).isEqualTo("/tenants/t1/scim/v2");
    }

    @Test
    void typeIsTheReverseDomainEventName() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        assertThat(event.toCloudEvent().get("type").asText()).isEqualTo("com.reftab.scim.user.deactivated");
    }

    @Test
    void subjectIsTheResourcePath() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        assertThat(event.toCloudEvent().get("subject").asText()).isEqualTo("Users/u1");
    }

    @Test
    void timeIsAnRfc3339TimestampTruncatedToMilliseconds() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123456789Z"));

        assertThat(event.toCloudEvent().get("time").asText()).isEqualTo("2025-03-01T10:15:30.123Z");
    }

    @Test
    void dataContentTypeIsJson() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        assertThat(event.toCloudEvent().get("datacontenttype").asText()).isEqualTo("application/json");
    }

    @Test
    void tenantIsAnExtensionAttribute() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        assertThat(event.toCloudEvent().get("tenantid").asText()).isEqualTo("t1");
    }

    @Test
    void dataIdentifiesTheResourceAndItsVersion() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        ObjectNode data = (ObjectNode) event.toCloudEvent().get("data");

        assertThat(data.get("tenantId").asText()).isEqualTo("t1");
        assertThat(data.get("resourceType").asText()).isEqualTo("User");
        assertThat(data.get("id").asText()).isEqualTo("u1");
        assertThat(data.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void dataCarriesTheResourceSnapshot() {
        ProvisioningEvent event = ProvisioningEvent.of("t1", EventType.USER_DEACTIVATED, "User", "u1", 3, user(),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        assertThat(event.toCloudEvent().path("data").get("resource")).isEqualTo(user());
    }
}
