package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.reftab.scim.alerts.Digests;
import com.reftab.scim.alerts.DisabledHolderChecks;
import com.reftab.scim.alerts.NotificationQueue;
import com.reftab.scim.alerts.NotificationSender;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole alert, on the real broker: a person provisioned over SCIM is lent equipment (the demo
 * loans endpoint, as the asset service would publish it), is deactivated over SCIM, and the tenant's
 * recipients get one e-mail (a real SMTP server) and its webhook one call (a real HTTP receiver)
 * listing the items; seeing the change again sends nothing more.
 */
@ScimIntegrationTest
@TestPropertySource(properties = {
        "reftab.loans.demo=true",
        "reftab.equipment-alerts.allow-insecure-webhooks=true",
        "reftab.equipment-alerts.settle-delay=300ms",
        "reftab.equipment-alerts.poll-interval-ms=100",
        "reftab.mail.host=127.0.0.1",
        "reftab.mail.tls=none",
        "reftab.mail.from=alerts@reftab.test"
})
class EquipmentAlertFlowTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A real SMTP server and a real webhook receiver, for every context of this class and its PostgreSQL twin. */
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final Map<String, List<String>> WEBHOOK_CALLS = new ConcurrentHashMap<>();
    static final HttpServer WEBHOOK;

    static {
        SMTP.start();
        try {
            WEBHOOK = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        WEBHOOK.createContext("/hook/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            WEBHOOK_CALLS.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new CopyOnWriteArrayList<>()).add(body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        WEBHOOK.start();
    }

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("reftab.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Digests digests;

    @Autowired
    DisabledHolderChecks checks;

    @Autowired
    NotificationQueue notifications;

    @Autowired
    NotificationSender sender;

    String tenant;
    String recipient;
    String hookPath;
    HttpCalls scim;
    HttpCalls admin;

    @BeforeEach
    void aTenantThatTurnedTheAlertOn() {
        tenant = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        HttpCalls.Reply created = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN)
                .post("/api/operator/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Alerts " + tenant + "\"}");
        assertThat(created.status()).isEqualTo(201);
        scim = new HttpCalls(port, created.body().path("scimToken").asText());
        admin = new HttpCalls(port, created.body().path("adminToken").asText());
        recipient = "it-" + tenant + "@example.com";
        hookPath = "/hook/" + tenant;
        HttpCalls.Reply saved = admin.put("/api/admin/settings/equipment-alerts", "{\"recipients\":[\"" + recipient + "\"],"
                + "\"webhookUrl\":\"http://127.0.0.1:" + WEBHOOK.getAddress().getPort() + hookPath + "\","
                + "\"emailEnabled\":true,\"webhookEnabled\":true,"
                + "\"digest\":{\"enabled\":true,\"frequency\":\"daily\",\"hourUtc\":8}}");
        assertThat(saved.status()).isEqualTo(200);
    }

    private String person(String userName, String given, String family) {
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser(userName, given, family));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private void lend(String userId, String itemId, String name, String tag, String value) {
        HttpCalls.Reply loan = admin.post("/api/admin/loans", "{\"type\":\"checked-out\",\"itemId\":\"" + itemId
                + "\",\"name\":\"" + name + "\",\"assetTag\":\"" + tag + "\",\"value\":" + value + ",\"userId\":\"" + userId + "\"}");
        assertThat(loan.status()).isBetween(200, 202);
        await().atMost(EVENTUALLY).until(() -> jdbc.queryForObject("select count(*) from equipment_loan where tenant_id = ?"
                + " and item_id = ? and status = 'held'", Integer.class, tenant, itemId) == 1);
    }

    private void deactivate(String userId) {
        assertThat(scim.patch("/scim/v2/Users/" + userId, activePatch(false)).status()).isEqualTo(200);
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> mails = new java.util.ArrayList<>();
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            for (var to : mail.getRecipients(Message.RecipientType.TO)) {
                if (to.toString().equals(address)) {
                    mails.add(mail);
                }
            }
        }
        return mails;
    }

    private List<String> webhookCalls() {
        return WEBHOOK_CALLS.getOrDefault(hookPath, List.of());
    }

    @Test
    void aPersonDeactivatedWithEquipmentIsAlertedOnceByMailAndWebhookWithTheItems() throws Exception {
        String ann = person("ann-" + tenant + "@atko.com", "Ann", "Leaver");
        lend(ann, "item-1-" + tenant, "MacBook Pro 14", "RT-0042", "2499.00");
        lend(ann, "item-2-" + tenant, "Badge", "RT-0043", "15");

        deactivate(ann);

        await().atMost(EVENTUALLY).until(() -> mailsTo(recipient).size() == 1 && webhookCalls().size() == 1);
        MimeMessage mail = mailsTo(recipient).get(0);
        assertThat(mail.getSubject()).contains("Ann Leaver");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@reftab.test");
        assertThat(GreenMailUtil.getBody(mail)).contains("MacBook Pro 14", "RT-0042", "2499.00", "Badge", "RT-0043");
        JsonNode hook = JSON.readTree(webhookCalls().get(0));
        assertThat(hook.path("text").asText()).contains("Ann Leaver", "RT-0042", "RT-0043");
        assertThat(hook.path("blocks").isArray()).isTrue();
        JsonNode event = JSON.readTree(jdbc.queryForObject("select payload from outbox_event where tenant_id = ? and type = ?",
                String.class, tenant, "com.reftab.equipment.disabled-holder.alerted"));
        assertThat(event.path("data").path("person").path("id").asText()).isEqualTo(ann);
        assertThat(event.path("data").path("reason").asText()).isEqualTo("disabled");
        assertThat(event.path("data").path("items").findValuesAsText("assetTag")).containsExactly("RT-0042", "RT-0043");

        // The same change seen again: a second deactivation, then the deletion of the disabled person.
        deactivate(ann);
        assertThat(scim.delete("/scim/v2/Users/" + ann).status()).isEqualTo(204);
        await().atMost(EVENTUALLY).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "select deleted from account where tenant_id = ? and user_id = ?", Boolean.class, tenant, ann)));
        await().atMost(EVENTUALLY).until(() -> jdbc.queryForObject(
                "select count(*) from equipment_alert_check where tenant_id = ?", Integer.class, tenant) == 0);
        // Every check is done: run the checks, the queue and the sender once more, and nothing more is sent.
        assertThat(checks.runDue()).isZero();
        notifications.queueDue();
        sender.dispatch();
        await().atMost(EVENTUALLY).until(() -> jdbc.queryForObject("select count(*) from equipment_notification"
                + " where tenant_id = ? and state = 'PENDING'", Integer.class, tenant) == 0);
        assertThat(jdbc.queryForObject("select count(*) from equipment_alert where tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from equipment_notification where tenant_id = ? and kind = 'ALERT'",
                Integer.class, tenant))
                .as("one e-mail and one webhook call").isEqualTo(2);
        assertThat(mailsTo(recipient)).hasSize(1);
        assertThat(webhookCalls()).hasSize(1);
    }

    @Test
    void anItemCheckedOutToAPersonAlreadyDisabledIsAlerted() throws Exception {
        String bob = person("bob-" + tenant + "@atko.com", "Bob", "Gone");
        deactivate(bob);
        await().atMost(EVENTUALLY).until(() -> jdbc.queryForList(
                "select status from account where tenant_id = ? and user_id = ?", String.class, tenant, bob).contains("disabled"));

        lend(bob, "item-3-" + tenant, "iPhone 15", "RT-0077", "999");

        await().atMost(EVENTUALLY).until(() -> mailsTo(recipient).size() == 1 && webhookCalls().size() == 1);
        assertThat(GreenMailUtil.getBody(mailsTo(recipient).get(0))).contains("iPhone 15", "RT-0077", "while disabled");
    }

    @Test
    void theDigestListsEveryoneStillHoldingEquipmentWhileDisabled() throws Exception {
        String cy = person("cy-" + tenant + "@atko.com", "Cy", "Holder");
        lend(cy, "item-4-" + tenant, "ThinkPad X1", "RT-0500", "1800");
        deactivate(cy);
        await().atMost(EVENTUALLY).until(() -> mailsTo(recipient).size() == 1);

        // Tomorrow past the digest's hour: the run the timer would make then.
        digests.runDue(Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));

        await().atMost(EVENTUALLY).until(() -> mailsTo(recipient).size() == 2);
        MimeMessage digest = mailsTo(recipient).stream().filter(mail -> {
            try {
                return mail.getSubject().startsWith("Digest");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertThat(digest.getSubject()).isEqualTo("Digest: 1 disabled person holds equipment");
        assertThat(GreenMailUtil.getBody(digest)).contains("Cy Holder", "ThinkPad X1", "RT-0500");
    }
}
