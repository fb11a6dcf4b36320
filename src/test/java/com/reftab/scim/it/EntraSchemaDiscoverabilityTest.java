package com.reftab.scim.it;

import static com.reftab.scim.it.EntraCalls.ENTERPRISE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Microsoft's Schema_Discoverability: {@code GET /Schemas} is flattened into attribute names the way
 * Entra's validator flattens it (a complex attribute's sub-attributes as {@code name.sub}; a
 * multi-valued one's per canonical {@code type} as {@code name[type eq "work"].sub}; an extension's
 * attributes prefixed by its URN), and every target attribute of Entra's default mapping must be
 * among them, compared without regard to case.
 */
@ScimIntegrationTest
class EntraSchemaDiscoverabilityTest {

    /** The target attributes of Entra's default user mapping for a SCIM app. */
    static final List<String> ENTRA_USER_MAPPING = List.of(
            "userName", "active", "displayName", "title", "preferredLanguage", "externalId",
            "emails[type eq \"work\"].value",
            "name.givenName", "name.familyName", "name.formatted",
            "addresses[type eq \"work\"].formatted", "addresses[type eq \"work\"].streetAddress",
            "addresses[type eq \"work\"].locality", "addresses[type eq \"work\"].region",
            "addresses[type eq \"work\"].postalCode", "addresses[type eq \"work\"].country",
            "phoneNumbers[type eq \"work\"].value", "phoneNumbers[type eq \"mobile\"].value",
            "phoneNumbers[type eq \"fax\"].value",
            ENTERPRISE + ":employeeNumber", ENTERPRISE + ":department", ENTERPRISE + ":manager");

    /** The target attributes of Entra's default group mapping. */
    static final List<String> ENTRA_GROUP_MAPPING = List.of("displayName", "externalId", "members");

    @LocalServerPort
    int port;

    EntraCalls entra;

    @BeforeEach
    void clients() {
        entra = EntraCalls.withClientSecret(port, ScimIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void everyAttributeOfEntrasDefaultUserMappingIsDiscoverable() {
        Set<String> names = flattened(schemas(), "urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE);

        assertThat(ENTRA_USER_MAPPING.stream().map(n -> n.toLowerCase(Locale.ROOT)))
                .allSatisfy(name -> assertThat(names).as("flattened /Schemas").contains(name));
    }

    @Test
    void everyAttributeOfEntrasDefaultGroupMappingIsDiscoverable() {
        Set<String> names = flattened(schemas(), "urn:ietf:params:scim:schemas:core:2.0:Group");

        assertThat(ENTRA_GROUP_MAPPING.stream().map(n -> n.toLowerCase(Locale.ROOT)))
                .allSatisfy(name -> assertThat(names).contains(name));
    }

    @Test
    void theFlatteningFindsNoTypeTheSchemaDoesNotList() {
        Set<String> names = flattened(schemas(), "urn:ietf:params:scim:schemas:core:2.0:User");

        assertThat(names).doesNotContain("emails[type eq \"pager\"].value");
    }

    private JsonNode schemas() {
        HttpCalls.Reply reply = entra.get("/Schemas");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("Resources").isArray()).isTrue();
        return reply.body().path("Resources");
    }

    /** Entra's flattening of the named schemas, lower-cased. */
    static Set<String> flattened(JsonNode resources, String... schemaIds) {
        Set<String> names = new TreeSet<>();
        for (JsonNode schema : resources) {
            String id = schema.path("id").asText();
            boolean core = id.equals(schemaIds[0]);
            if (!List.of(schemaIds).contains(id)) {
                continue;
            }
            String prefix = core ? "" : id + ":";
            for (JsonNode attribute : schema.path("attributes")) {
                flatten(prefix, attribute, names);
            }
        }
        return names;
    }

    private static void flatten(String prefix, JsonNode attribute, Set<String> names) {
        String name = prefix + attribute.path("name").asText();
        names.add(name.toLowerCase(Locale.ROOT));
        if (!attribute.path("type").asText().equals("complex")) {
            return;
        }
        JsonNode types = null;
        for (JsonNode sub : attribute.path("subAttributes")) {
            if (sub.path("name").asText().equals("type")) {
                types = sub.path("canonicalValues");
            }
        }
        for (JsonNode sub : attribute.path("subAttributes")) {
            String subName = sub.path("name").asText();
            names.add((name + "." + subName).toLowerCase(Locale.ROOT));
            if (attribute.path("multiValued").asBoolean() && types != null) {
                for (JsonNode type : types) {
                    names.add((name + "[type eq \"" + type.asText() + "\"]." + subName).toLowerCase(Locale.ROOT));
                }
            }
        }
    }
}
