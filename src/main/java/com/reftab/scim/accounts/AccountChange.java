package com.reftab.scim.accounts;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.events.EventType;

/**
 * What a user event means for the Reftab account: the fields it shows and whether it may log in.
 * {@code deactivation} says the event takes away a login the user had: a deactivation, or the
 * deletion of a user who was active.
 */
public record AccountChange(String tenantId, String userId, long version, String userName, String email,
                     String givenName, String familyName, String displayName, String status, boolean deleted,
                     boolean deactivation, Instant time) {

    static AccountChange from(EventType type, JsonNode data, Instant time) {
        JsonNode user = data.path("resource");
        boolean deleted = type == EventType.USER_DELETED;
        boolean wasActive = user.path("active").asBoolean(true);
        boolean active = !deleted && wasActive;
        boolean deactivation = type == EventType.USER_DEACTIVATED || deleted && wasActive;
        return new AccountChange(data.path("tenantId").asText(), data.path("id").asText(),
                data.path("version").asLong(), user.path("userName").asText(), primaryEmail(user),
                text(user.path("name"), "givenName"), text(user.path("name"), "familyName"),
                text(user, "displayName"), active ? "active" : "disabled", deleted, deactivation, time);
    }

    private static String primaryEmail(JsonNode user) {
        JsonNode first = null;
        for (JsonNode email : user.path("emails")) {
            if (email.path("primary").asBoolean(false)) {
                return text(email, "value");
            }
            if (first == null) {
                first = email;
            }
        }
        return first == null ? null : text(first, "value");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
