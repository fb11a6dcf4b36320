package com.reftab.scim.alerts;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.equipment.DisabledHolder;
import com.reftab.scim.equipment.HeldItem;

/**
 * The words of the alerts: the alert's data (the event's and the message's), the e-mail text and the
 * Slack-compatible webhook body ({@code text} for any receiver, {@code blocks} for Slack).
 */
final class AlertMessages {

    private AlertMessages() {
    }

    /** A message: its subject, plain text and webhook body. */
    record Message(String subject, String text, ObjectNode webhook) {
    }

    static ObjectNode alertData(String tenantId, ObjectNode person, AlertReason reason, List<HeldItem> items, int maxItems) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("tenantId", tenantId);
        data.put("reason", reason.value());
        data.set("person", person);
        data.put("itemCount", items.size());
        BigDecimal total = items.stream().map(HeldItem::value).filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        data.put("totalValue", total);
        ArrayNode array = data.putArray("items");
        items.stream().limit(maxItems).forEach(item -> array.add(item(item)));
        return data;
    }

    static ObjectNode item(HeldItem item) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("itemId", item.itemId());
        node.put("name", item.name());
        node.put("category", item.category());
        node.put("assetTag", item.assetTag());
        node.put("value", item.value());
        node.put("since", item.since() == null ? null : item.since().toString());
        return node;
    }

    /** One message for a tenant's pending alerts (coalesced: one or many people). */
    static Message alerts(List<JsonNode> alerts) {
        String subject = alerts.size() == 1
                ? "Disabled person still holds equipment: " + name(alerts.get(0).path("person"))
                : alerts.size() + " alerts: disabled people still hold equipment";
        StringBuilder text = new StringBuilder();
        for (JsonNode alert : alerts) {
            JsonNode person = alert.path("person");
            text.append(name(person)).append(" (").append(person.path("userName").asText()).append(") ")
                    .append(AlertReason.CHECKOUT_TO_DISABLED.value().equals(alert.path("reason").asText())
                            ? "was checked out equipment while disabled:" : "was disabled and still holds:")
                    .append('\n');
            items(text, alert);
            text.append('\n');
        }
        return new Message(subject, text.toString(), webhook(subject, text.toString()));
    }

    /** The digest: everyone disabled who still holds equipment. */
    static Message digest(long total, List<DisabledHolder> holders, int maxItems) {
        String subject = "Digest: " + total + " disabled " + (total == 1 ? "person holds" : "people hold") + " equipment";
        StringBuilder text = new StringBuilder();
        for (DisabledHolder holder : holders) {
            text.append(holder.displayName() == null ? holder.userName() : holder.displayName())
                    .append(" (").append(holder.userName()).append("), disabled since ").append(holder.disabledAt())
                    .append(":\n");
            holder.items().stream().limit(maxItems).forEach(item -> text.append(line(item)));
            if (holder.items().size() > maxItems) {
                text.append("  … and ").append(holder.items().size() - maxItems).append(" more\n");
            }
            text.append('\n');
        }
        if (total > holders.size()) {
            text.append("… and ").append(total - holders.size()).append(" more people: see the report in the admin console.\n");
        }
        return new Message(subject, text.toString(), webhook(subject, text.toString()));
    }

    static Message test() {
        String subject = "Test alert from Reftab SCIM provisioning";
        String text = "This is a test. Alerts about disabled people who still hold equipment will arrive here.\n";
        return new Message(subject, text, webhook(subject, text));
    }

    private static void items(StringBuilder text, JsonNode alert) {
        for (JsonNode item : alert.path("items")) {
            text.append("  - ").append(item.path("name").asText());
            if (item.hasNonNull("assetTag")) {
                text.append(" [").append(item.path("assetTag").asText()).append(']');
            }
            if (item.hasNonNull("value")) {
                text.append(", value ").append(money(item.path("value").decimalValue()));
            }
            text.append('\n');
        }
        int more = alert.path("itemCount").asInt() - alert.path("items").size();
        if (more > 0) {
            text.append("  … and ").append(more).append(" more\n");
        }
    }

    private static String line(HeldItem item) {
        return "  - " + item.name() + (item.assetTag() == null ? "" : " [" + item.assetTag() + "]")
                + (item.value() == null ? "" : ", value " + money(item.value())) + "\n";
    }

    private static String money(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String name(JsonNode person) {
        return person.hasNonNull("displayName") ? person.path("displayName").asText() : person.path("userName").asText();
    }

    private static ObjectNode webhook(String subject, String text) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("text", mrkdwn(subject + "\n" + text));
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", truncate(subject, 150));
        // Slack takes at most 3,000 characters in a section's text.
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", truncate(mrkdwn(text), 3000));
        return body;
    }

    /**
     * Slack reads {@code <…>} in mrkdwn as a link or a mention ({@code <!channel>}): a name or item
     * from the directory is text, so its {@code & < >} are escaped as Slack asks.
     */
    static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
