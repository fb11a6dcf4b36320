package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;

/** The settings an admin sends are read within their bounds: at the limit taken, one past it refused naming it. */
class TenantAlertSettingsInputTest {

    private final AlertSettings bounds = AlertFixtures.settings(6, 3);
    private final TenantAlertSettingsInput input = new TenantAlertSettingsInput(bounds, new WebhookHosts(false));

    private ObjectNode withRecipients(List<String> addresses) {
        ObjectNode body = AlertFixtures.JSON.createObjectNode();
        addresses.forEach(body.putArray("recipients")::add);
        body.put("emailEnabled", true);
        return body;
    }

    private static List<String> addresses(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("admin" + i + "@example.com");
        }
        return addresses;
    }

    @Test
    void recipientsAreTakenUpToTheirBound() {
        assertThat(input.read(withRecipients(addresses(bounds.maxRecipients())), Instant.now()).recipients())
                .hasSize(bounds.maxRecipients());

        assertThatThrownBy(() -> input.read(withRecipients(addresses(bounds.maxRecipients() + 1)), Instant.now()))
                .isInstanceOf(ScimException.class)
                .hasMessageContaining("at most " + bounds.maxRecipients());
    }

    @Test
    void anAddressIsTakenUpToItsLength() {
        String domain = "@example.com";
        String longest = "a".repeat(bounds.maxRecipientLength() - domain.length()) + domain;

        assertThat(input.read(withRecipients(List.of(longest)), Instant.now()).recipients()).containsExactly(longest);
        assertThatThrownBy(() -> input.read(withRecipients(List.of("a" + longest)), Instant.now()))
                .isInstanceOf(ScimException.class)
                .hasMessageContaining(bounds.maxRecipientLength() + " characters");
    }

    @Test
    void anAddressWithALineBreakOrASecondRecipientIsRefused() {
        for (String address : List.of("it@example.com\r\nBcc: x@evil.com", "a@example.com, b@example.com", "Name <a@example.com>")) {
            assertThatThrownBy(() -> input.read(withRecipients(List.of(address)), Instant.now()))
                    .as(address).isInstanceOf(ScimException.class);
        }
    }

    @Test
    void emailNeedsARecipientAndTheWebhookAUrl() {
        assertThatThrownBy(() -> input.read(withRecipients(List.of()), Instant.now())).isInstanceOf(ScimException.class);
        ObjectNode webhookOnly = AlertFixtures.JSON.createObjectNode().put("webhookEnabled", true);
        assertThatThrownBy(() -> input.read(webhookOnly, Instant.now())).isInstanceOf(ScimException.class);
    }
}
