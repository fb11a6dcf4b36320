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
            new UserResources(null, null, null, null, null, FilterLimits.DEFAULTS),
            new GroupResources(null, null, null, null, null, FilterLimits.DEFAULTS)));

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
}
