package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The equipment alert settings an admin sets: saved and read back, each bound accepted at its limit
 * and refused one past it with 400 invalidValue naming it, and a refused change changes nothing.
 * Webhooks must be https to a public host here (the production default).
 */
@ScimIntegrationTest
class EquipmentAlertSettingsTest {

    private static final String PATH = "/api/admin/settings/equipment-alerts";
    private static final int MAX_RECIPIENTS = 10;
    private static final int MAX_ADDRESS = 254;

    @LocalServerPort
    int port;

    HttpCalls admin;

    @BeforeEach
    void newTenant() {
        String id = "settings-" + UUID.randomUUID().toString().substring(0, 8);
        HttpCalls.Reply tenant = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN)
                .post("/api/operator/tenants", "{\"id\":\"" + id + "\",\"name\":\"Settings " + id + "\"}");
        assertThat(tenant.status()).isEqualTo(201);
        admin = new HttpCalls(port, tenant.body().path("adminToken").asText());
    }

    private static String settings(List<String> recipients, String webhookUrl, int hour) {
        return "{\"recipients\":[" + String.join(",", recipients.stream().map(r -> "\"" + r + "\"").toList()) + "],"
                + "\"webhookUrl\":" + (webhookUrl == null ? "null" : "\"" + webhookUrl + "\"") + ","
                + "\"emailEnabled\":" + !recipients.isEmpty() + ",\"webhookEnabled\":" + (webhookUrl != null) + ","
                + "\"digest\":{\"enabled\":true,\"frequency\":\"weekly\",\"hourUtc\":" + hour + ",\"weekday\":5}}";
    }

    private static List<String> addresses(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("admin" + i + "@example.com");
        }
        return addresses;
    }

    private static String addressOfLength(int length) {
        String domain = "@example.com";
        return "a".repeat(length - domain.length()) + domain;
    }

    @Test
    void aTenantThatSetNothingIsToldNothing() {
        JsonNode settings = admin.get(PATH).body();

        assertThat(settings.path("recipients").size()).isZero();
        assertThat(settings.path("emailEnabled").asBoolean()).isFalse();
        assertThat(settings.path("webhookEnabled").asBoolean()).isFalse();
        assertThat(settings.path("digest").path("frequency").asText()).isEqualTo("daily");
    }

    @Test
    void savedSettingsAreReadBack() {
        HttpCalls.Reply saved = admin.put(PATH, settings(List.of("IT@Example.com"), "https://hooks.slack.com/services/T0/B0/x", 7));

        assertThat(saved.status()).isEqualTo(200);
        JsonNode settings = admin.get(PATH).body();
        assertThat(settings.path("recipients").get(0).asText()).isEqualTo("it@example.com");
        assertThat(settings.path("webhookUrl").asText()).isEqualTo("https://hooks.slack.com/services/T0/B0/x");
        assertThat(settings.path("webhookEnabled").asBoolean()).isTrue();
        assertThat(settings.path("digest").path("frequency").asText()).isEqualTo("weekly");
        assertThat(settings.path("digest").path("hourUtc").asInt()).isEqualTo(7);
        assertThat(settings.path("digest").path("weekday").asInt()).isEqualTo(5);
    }

    @Test
    void recipientsAreBoundedInNumber() {
        assertThat(admin.put(PATH, settings(addresses(MAX_RECIPIENTS), null, 8)).status()).isEqualTo(200);

        HttpCalls.Reply refused = admin.put(PATH, settings(addresses(MAX_RECIPIENTS + 1), null, 9));

        assertScimError(refused, 400, "invalidValue");
        assertThat(refused.body().path("detail").asText()).contains("at most " + MAX_RECIPIENTS);
        assertThat(admin.get(PATH).body().path("digest").path("hourUtc").asInt()).as("nothing changed").isEqualTo(8);
    }

    @Test
    void anAddressIsBoundedInLength() {
        assertThat(admin.put(PATH, settings(List.of(addressOfLength(MAX_ADDRESS)), null, 8)).status()).isEqualTo(200);

        HttpCalls.Reply refused = admin.put(PATH, settings(List.of(addressOfLength(MAX_ADDRESS + 1)), null, 8));

        assertScimError(refused, 400, "invalidValue");
        assertThat(refused.body().path("detail").asText()).contains(MAX_ADDRESS + " characters");
    }

    @Test
    void anAddressThatCouldAddAHeaderOrAnotherRecipientIsRefused() {
        for (String address : List.of("it@example.com\\r\\nBcc: x@evil.com", "a@example.com, b@example.com",
                "Name <it@example.com>", "not-an-address")) {
            assertScimError(admin.put(PATH, settings(List.of(address), null, 8)), 400, "invalidValue");
        }
    }

    @Test
    void aWebhookMustBeHttpsToAPublicHost() {
        for (String url : List.of("http://hooks.slack.com/services/x", "https://127.0.0.1/hook", "https://localhost/hook",
                "https://10.0.0.5/hook", "https://169.254.169.254/latest", "ftp://hooks.example.com/x")) {
            HttpCalls.Reply refused = admin.put(PATH, settings(List.of(), url, 8));
            assertScimError(refused, 400, "invalidValue");
            assertThat(refused.body().path("detail").asText()).contains("https URL of a public host");
        }
        assertThat(admin.get(PATH).body().path("webhookUrl").isNull()).isTrue();
    }

    @Test
    void theDigestHourIsAnHourOfTheDay() {
        assertThat(admin.put(PATH, settings(List.of(), null, 23)).status()).isEqualTo(200);

        assertScimError(admin.put(PATH, settings(List.of(), null, 24)), 400, "invalidValue");
        assertScimError(admin.put(PATH, settings(List.of(), null, -1)), 400, "invalidValue");
    }

    @Test
    void aTestNeedsSomewhereToGo() {
        assertScimError(admin.post(PATH + "/test", ""), 400, "invalidValue");
    }
}
