package com.reftab.scim.roles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;

/**
 * Reads a SCIM User's {@code roles} as the identity providers send them, into the names a role
 * may be known by, in the order to try them:
 * <ul>
 * <li>Okta (entitlements) sends {@code {"value":"<role id>","display":"<role name>"}}: the value,
 * then the display;</li>
 * <li>Entra's POST sends {@code {"primary":true,"type":"WindowsAzureActiveDirectoryRole","value":"Admin"}}:
 * the value;</li>
 * <li>Entra's PATCH sends the app role as a JSON document encoded in the value,
 * {@code {"value":"{\"id\":\"06b0…\",\"value\":\"25\",\"displayName\":\"Role1234\"}"}}: decoded
 * (at most {@code maxEncodedLength} characters), then its value, displayName and id.</li>
 * </ul>
 */
public final class RoleReferences {

    /** One element of {@code roles}: the names to try, and the type and primary flag as sent. */
    public record RoleReference(List<String> candidates, String type, boolean primary) {
    }

    private RoleReferences() {
    }

    public static List<RoleReference> parse(JsonNode roles, int maxEncodedLength) {
        List<RoleReference> references = new ArrayList<>();
        if (roles == null || roles.isNull()) {
            return references;
        }
        for (JsonNode role : roles) {
            references.add(parseOne(role, maxEncodedLength));
        }
        return references;
    }

    private static RoleReference parseOne(JsonNode role, int maxEncodedLength) {
        if (!role.isObject()) {
            throw ScimException.invalidValue("Each of 'roles' must be an object with a 'value'.");
        }
        List<String> candidates = new ArrayList<>();
        String value = text(role.get("value"));
        if (value != null && value.strip().startsWith("{")) {
            ObjectNode encoded = decode(value, maxEncodedLength);
            add(candidates, text(encoded.get("value")));
            add(candidates, text(encoded.get("displayName")));
            add(candidates, text(encoded.get("id")));
        } else {
            add(candidates, value);
            add(candidates, text(role.get("display")));
        }
        if (candidates.isEmpty()) {
            throw ScimException.invalidValue("A role in 'roles' names no role: give the role's id or name in 'value'.");
        }
        JsonNode primary = role.get("primary");
        return new RoleReference(List.copyOf(candidates), text(role.get("type")), primary != null && primary.asBoolean(false));
    }

    /** Entra's app role as a JSON document in a string: bounded before it is parsed. */
    private static ObjectNode decode(String value, int maxEncodedLength) {
        if (value.length() > maxEncodedLength) {
            throw ScimException.invalidValue("A role given as an encoded JSON document is at most " + maxEncodedLength
                    + " characters (REFTAB_SCIM_ROLES_MAX_ENCODED_LENGTH); this one has " + value.length() + ".");
        }
        try {
            return ScimJson.readObject(value.getBytes(StandardCharsets.UTF_8));
        } catch (ScimException e) {
            throw ScimException.invalidValue("A role's value starts like a JSON document but is not one: " + e.getMessage());
        }
    }

    private static void add(List<String> candidates, String candidate) {
        if (candidate != null && !candidate.isBlank() && !candidates.contains(candidate)) {
            candidates.add(candidate);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }
}
