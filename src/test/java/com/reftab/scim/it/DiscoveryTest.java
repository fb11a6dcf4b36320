package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Discovery (RFC 7644 §4): each schema and resource type by its id, and nothing but GET. */
@ScimIntegrationTest
class DiscoveryTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final List<String> ENDPOINTS = List.of("/scim/v2/ServiceProviderConfig", "/scim/v2/Schemas",
            "/scim/v2/ResourceTypes", "/scim/v2/Schemas/" + USER, "/scim/v2/ResourceTypes/User");

    @LocalServerPort
    int port;

    HttpCalls scim;

    @BeforeEach
    void client() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
    }

    private static void assertScimError(HttpCalls.Reply reply, int status) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
        assertThat(reply.body().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(reply.body().path("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(reply.body().path("detail").asText()).isNotBlank();
    }

    @Test
    void aSchemaIsReadByItsUrn() {
        HttpCalls.Reply reply = scim.get("/scim/v2/Schemas/" + USER);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
        assertThat(reply.body().path("id").asText()).isEqualTo(USER);
        assertThat(reply.body().path("attributes").isArray()).isTrue();
        assertThat(reply.body().has("Resources")).isFalse();
    }

    @Test
    void theEnterpriseExtensionIsReadByItsUrn() {
        String enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

        assertThat(scim.get("/scim/v2/Schemas/" + enterprise).body().path("name").asText()).isEqualTo("EnterpriseUser");
    }

    @Test
    void aResourceTypeIsReadByItsName() {
        HttpCalls.Reply reply = scim.get("/scim/v2/ResourceTypes/Group");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("id").asText()).isEqualTo("Group");
        assertThat(reply.body().path("endpoint").asText()).isEqualTo("/Groups");
        assertThat(reply.body().path("schema").asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");
    }

    @Test
    void anUnknownSchemaIsNotFound() {
        assertScimError(scim.get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Device"), 404);
    }

    @Test
    void anUnknownResourceTypeIsNotFound() {
        assertScimError(scim.get("/scim/v2/ResourceTypes/Device"), 404);
    }

    @Test
    void readingOneSchemaNeedsTheToken() {
        assertScimError(new HttpCalls(port, null).get("/scim/v2/Schemas/" + USER), 401);
    }

    @Test
    void postToADiscoveryEndpointIsMethodNotAllowed() {
        ENDPOINTS.forEach(path -> assertScimError(scim.post(path, "{}"), 405));
    }

    @Test
    void putToADiscoveryEndpointIsMethodNotAllowed() {
        ENDPOINTS.forEach(path -> assertScimError(scim.put(path, "{}"), 405));
    }

    @Test
    void patchToADiscoveryEndpointIsMethodNotAllowed() {
        ENDPOINTS.forEach(path -> assertScimError(scim.patch(path, "{}"), 405));
    }

    @Test
    void deleteOfADiscoveryEndpointIsMethodNotAllowed() {
        ENDPOINTS.forEach(path -> assertScimError(scim.delete(path), 405));
    }

    @Test
    void aMethodNotAllowedAnswerSaysWhichMethodIs() {
        assertThat(scim.delete("/scim/v2/ServiceProviderConfig").header("Allow")).contains("GET");
    }
}
