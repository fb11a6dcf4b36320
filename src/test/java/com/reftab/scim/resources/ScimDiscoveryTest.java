package com.reftab.scim.resources;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.protocol.filter.FilterLimits;
import org.junit.jupiter.api.Test;
import com.reftab.scim.protocol.UserSchema;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.GroupSchema;

class ScimDiscoveryTest {

    /** Users and Groups as registered; discovery reads only their names and schemas. */
    private static final ResourceTypes TYPES = new ResourceTypes(List.of(
            new UserResources(null, null, null, null, null, FilterLimits.DEFAULTS, null),
            new GroupResources(null, null, null, null, null, FilterLimits.DEFAULTS, null)));

    private final ScimDiscovery discovery = new ScimDiscovery(TYPES, 200, 1_048_576, 1000);

    @Test
    void aResourceTypeByIdIsTheSameAsInTheList() {
        ResourceResult reply = discovery.resourceType("Group");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(discovery.resourceTypes().body().path("Resources").get(1));
    }

    @Test
    void aResourceTypeIdMatchesInAnyLetterCase() {
        assertThat(discovery.resourceType("user").body().path("endpoint").asText()).isEqualTo("/Users");
    }

    @Test
    void anUnknownResourceTypeIsNotFound() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> discovery.resourceType("Device"))
                .satisfies(e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aSchemaByUrnIsTheSameAsInTheList() {
        JsonNode enterprise = discovery.schemas().body().path("Resources").get(1);

        assertThat(discovery.schema(UserSchema.ENTERPRISE).body()).isEqualTo(enterprise);
    }

    @Test
    void aSchemaUrnMatchesInAnyLetterCase() {
        assertThat(discovery.schema(GroupSchema.CORE.toUpperCase()).body().path("name").asText()).isEqualTo("Group");
    }

    @Test
    void anUnknownSchemaIsNotFound() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> discovery.schema("urn:ietf:params:scim:schemas:core:2.0:Device"))
                .satisfies(e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void bulkIsAdvertisedWithTheConfiguredLimits() {
        JsonNode bulk = new ScimDiscovery(TYPES, 200, 2048, 50).serviceProviderConfig().body().path("bulk");

        assertThat(bulk.path("supported").asBoolean()).isTrue();
        assertThat(bulk.path("maxOperations").asInt()).isEqualTo(50);
        assertThat(bulk.path("maxPayloadSize").asLong()).isEqualTo(2048);
    }

    private static java.util.List<JsonNode> everyAttribute(JsonNode attributes, String prefix,
                                                             java.util.Map<String, JsonNode> out) {
        for (JsonNode attribute : attributes) {
            out.put(prefix + attribute.path("name").asText(), attribute);
            everyAttribute(attribute.path("subAttributes"), prefix + attribute.path("name").asText() + ".", out);
        }
        return java.util.List.copyOf(out.values());
    }

    private java.util.Map<String, JsonNode> attributesOf(String schema) {
        java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        everyAttribute(discovery.schema(schema).body().path("attributes"), "", out);
        return out;
    }

    @Test
    void everySchemaHasADescription() {
        for (JsonNode schema : discovery.schemas().body().path("Resources")) {
            assertThat(schema.path("description").asText()).as(schema.path("id").asText()).isNotBlank();
        }
    }

    @Test
    void everyAttributeAndSubAttributeHasEveryCharacteristicOfRfc7643Section7() {
        for (String schema : new String[] {UserSchema.CORE, UserSchema.ENTERPRISE, GroupSchema.CORE}) {
            attributesOf(schema).forEach((name, attribute) -> {
                assertThat(attribute.path("description").asText()).as(name).isNotBlank();
                for (String characteristic : new String[] {"name", "type", "multiValued", "required", "caseExact",
                        "mutability", "returned", "uniqueness"}) {
                    assertThat(attribute.has(characteristic)).as(name + " " + characteristic).isTrue();
                }
                assertThat(attribute.has("subAttributes")).as(name).isEqualTo(attribute.path("type").asText().equals("complex"));
                assertThat(attribute.has("referenceTypes")).as(name).isEqualTo(attribute.path("type").asText().equals("reference"));
            });
        }
    }

    @Test
    void referencesNameWhatTheyReference() {
        assertThat(attributesOf(UserSchema.CORE).get("groups.$ref").path("referenceTypes").toString()).isEqualTo("[\"Group\"]");
        assertThat(attributesOf(UserSchema.ENTERPRISE).get("manager.$ref").path("referenceTypes").toString()).isEqualTo("[\"User\"]");
        assertThat(attributesOf(GroupSchema.CORE).get("members.$ref").path("referenceTypes").toString()).isEqualTo("[\"User\"]");
        assertThat(attributesOf(UserSchema.CORE).get("profileUrl").path("referenceTypes").toString()).isEqualTo("[\"external\"]");
    }

    @Test
    void uniquenessIsAdvertisedWhereTheServiceEnforcesIt() {
        assertThat(attributesOf(GroupSchema.CORE).get("displayName").path("uniqueness").asText()).isEqualTo("server");
        assertThat(attributesOf(UserSchema.CORE).get("userName").path("uniqueness").asText()).isEqualTo("server");
        assertThat(attributesOf(UserSchema.CORE).get("externalId").path("uniqueness").asText()).isEqualTo("none");
    }

    @Test
    void aUsersGroupsAndTheirSubAttributesAreReadOnly() {
        attributesOf(UserSchema.CORE).forEach((name, attribute) -> {
            if (name.startsWith("groups")) {
                assertThat(attribute.path("mutability").asText()).as(name).isEqualTo("readOnly");
            }
        });
    }
}
