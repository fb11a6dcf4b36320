package com.reftab.scim.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;

/**
 * Reads the settings an admin sends, checking every bound before anything is saved: at most
 * {@code maxRecipients} addresses of at most {@code maxRecipientLength} characters, each one plain
 * address (nothing that could add a header or another recipient), a webhook URL the service may
 * call, an hour and weekday in range. Every refusal is 400 invalidValue naming the bound.
 */
public class TenantAlertSettingsInput {

    /** One address: no spaces, commas, angle brackets, quotes or line breaks. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@,;<>\"()\\[\\]\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    static final int MAX_WEBHOOK_URL_LENGTH = 2048;

    private final AlertSettings bounds;
    private final WebhookHosts webhookHosts;

    public TenantAlertSettingsInput(AlertSettings bounds, WebhookHosts webhookHosts) {
        this.bounds = bounds;
        this.webhookHosts = webhookHosts;
    }

    public TenantAlertSettings read(ObjectNode body, Instant now) {
        List<String> recipients = recipients(body.get("recipients"));
        String webhookUrl = webhookUrl(body.get("webhookUrl"));
        boolean emailEnabled = flag(body, "emailEnabled");
        boolean webhookEnabled = flag(body, "webhookEnabled");
        if (emailEnabled && recipients.isEmpty()) {
            throw ScimException.invalidValue("emailEnabled needs at least one address in 'recipients'.");
        }
        if (webhookEnabled && webhookUrl == null) {
            throw ScimException.invalidValue("webhookEnabled needs a 'webhookUrl'.");
        }
        JsonNode digest = body.get("digest");
        if (digest != null && !digest.isObject() && !digest.isNull()) {
            throw ScimException.invalidValue("'digest' must be an object.");
        }
        boolean digestEnabled = digest != null && digest.isObject() && flag((ObjectNode) digest, "enabled");
        DigestSchedule schedule = digest == null || digest.isNull() ? DigestSchedule.DEFAULT : schedule((ObjectNode) digest);
        return new TenantAlertSettings(recipients, webhookUrl, emailEnabled, webhookEnabled, digestEnabled, schedule, null, now);
    }

    private List<String> recipients(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ScimException.invalidValue("'recipients' must be an array of e-mail addresses.");
        }
        if (node.size() > bounds.maxRecipients()) {
            throw ScimException.invalidValue("'recipients' holds at most " + bounds.maxRecipients() + " addresses.");
        }
        LinkedHashSet<String> addresses = new LinkedHashSet<>();
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw ScimException.invalidValue("'recipients' must be an array of e-mail addresses.");
            }
            String address = value.asText().trim();
            if (address.length() > bounds.maxRecipientLength()) {
                throw ScimException.invalidValue("An address in 'recipients' is at most " + bounds.maxRecipientLength()
                        + " characters.");
            }
            if (!ADDRESS.matcher(address).matches()) {
                throw ScimException.invalidValue("'recipients' must hold plain e-mail addresses such as it@example.com.");
            }
            addresses.add(address.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(addresses);
    }

    private String webhookUrl(JsonNode node) {
        if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ScimException.invalidValue("'webhookUrl' must be a string.");
        }
        String url = node.asText().trim();
        if (url.length() > MAX_WEBHOOK_URL_LENGTH) {
            throw ScimException.invalidValue("'webhookUrl' is at most " + MAX_WEBHOOK_URL_LENGTH + " characters.");
        }
        try {
            webhookHosts.checkWhenSaved(url);
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
        return url;
    }

    private static DigestSchedule schedule(ObjectNode digest) {
        JsonNode frequency = digest.get("frequency");
        DigestSchedule.Frequency chosen = DigestSchedule.Frequency.DAILY;
        if (frequency != null && !frequency.isNull()) {
            if (!frequency.isTextual() || !List.of("daily", "weekly").contains(frequency.asText())) {
                throw ScimException.invalidValue("digest.frequency must be 'daily' or 'weekly'.");
            }
            chosen = DigestSchedule.Frequency.valueOf(frequency.asText().toUpperCase(Locale.ROOT));
        }
        int hour = number(digest, "hourUtc", 0, 23, DigestSchedule.DEFAULT.hourUtc());
        int weekday = number(digest, "weekday", 1, 7, DigestSchedule.DEFAULT.weekday());
        return new DigestSchedule(chosen, hour, weekday);
    }

    private static int number(ObjectNode node, String name, int min, int max, int fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isInt() || value.intValue() < min || value.intValue() > max) {
            throw ScimException.invalidValue("digest." + name + " must be a whole number from " + min + " to " + max + ".");
        }
        return value.intValue();
    }

    private static boolean flag(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ScimException.invalidValue("'" + name + "' must be true or false.");
        }
        return value.booleanValue();
    }
}
