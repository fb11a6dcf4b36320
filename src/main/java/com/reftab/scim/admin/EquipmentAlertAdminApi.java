package com.reftab.scim.admin;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.alerts.AlertSettings;
import com.reftab.scim.alerts.MailSettings;
import com.reftab.scim.alerts.NotificationQueue;
import com.reftab.scim.alerts.TenantAlertSettings;
import com.reftab.scim.alerts.TenantAlertSettingsInput;
import com.reftab.scim.alerts.TenantAlertSettingsStore;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;
import org.springframework.stereotype.Component;

/**
 * The admin API behind the console's "Equipment alerts" settings: who is told when a disabled person
 * still holds equipment (e-mail recipients, a webhook), the digest's schedule, and a test message.
 */
@Component("equipmentAlertAdminApi")
public class EquipmentAlertAdminApi {

    private final TenantAlertSettingsStore store;
    private final TenantAlertSettingsInput input;
    private final NotificationQueue queue;
    private final AlertSettings bounds;
    private final MailSettings mail;

    public EquipmentAlertAdminApi(TenantAlertSettingsStore store, TenantAlertSettingsInput input, NotificationQueue queue,
                                  AlertSettings bounds, MailSettings mail) {
        this.store = store;
        this.input = input;
        this.queue = queue;
        this.bounds = bounds;
        this.mail = mail;
    }

    public JsonReply settings(ApiRequest request) {
        return JsonReply.json(200, json(store.find(request.tenantId())));
    }

    public JsonReply save(ApiRequest request) {
        TenantAlertSettings settings = input.read(ScimJson.readObject(request.body()), Instant.now());
        store.save(request.tenantId(), settings);
        return JsonReply.json(200, json(store.find(request.tenantId())));
    }

    /** Queues a test message to the tenant's channels; within the tenant's notification bound, else 429. */
    public JsonReply test(ApiRequest request) {
        TenantAlertSettings settings = store.find(request.tenantId());
        if (!settings.webhook() && !(settings.emails() && mail.enabled())) {
            throw ScimException.invalidValue("Nothing to send a test to: set recipients (with a mail server configured)"
                    + " or a webhook, and enable it.");
        }
        if (!queue.queueTest(request.tenantId())) {
            throw ScimException.tooManyRequests(60, "At most " + bounds.notificationsPerMinute()
                    + " notifications per minute (REFTAB_ALERTS_NOTIFICATIONS_PER_MINUTE); try again in a minute.");
        }
        return JsonReply.json(202, JsonNodeFactory.instance.objectNode().put("queued", true));
    }

    private ObjectNode json(TenantAlertSettings settings) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("recipients").addAll(settings.recipients().stream()
                .map(JsonNodeFactory.instance::textNode).toList());
        body.put("webhookUrl", settings.webhookUrl());
        body.put("emailEnabled", settings.emailEnabled());
        body.put("webhookEnabled", settings.webhookEnabled());
        ObjectNode digest = body.putObject("digest");
        digest.put("enabled", settings.digestEnabled());
        digest.put("frequency", settings.digest().frequency().name().toLowerCase(Locale.ROOT));
        digest.put("hourUtc", settings.digest().hourUtc());
        digest.put("weekday", settings.digest().weekday());
        digest.put("lastSentAt", settings.lastDigestAt() == null ? null : settings.lastDigestAt().toString());
        body.put("mailServerConfigured", mail.enabled());
        body.put("maxRecipients", bounds.maxRecipients());
        body.put("maxRecipientLength", bounds.maxRecipientLength());
        return body;
    }
}
