package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Tenants made through the operator API, each under a new id, for tests that need tenants of their own. */
final class Tenants {

    /** A new tenant: what the operator API answered (its id, tokens and SCIM endpoint) and a client for each token. */
    record Tenant(JsonNode created, HttpCalls scim, HttpCalls admin) {

        String id() {
            return created.path("id").asText();
        }

        String scimToken() {
            return created.path("scimToken").asText();
        }

        String adminToken() {
            return created.path("adminToken").asText();
        }
    }

    private final int port;
    private final String idPrefix;
    private final HttpCalls operator;

    /** @param idPrefix starts each tenant's id, naming the test that made it */
    Tenants(int port, String idPrefix) {
        this(port, ScimIntegrationTest.OPERATOR_TOKEN, idPrefix);
    }

    /** For a service with an operator token of its own. */
    Tenants(int port, String operatorToken, String idPrefix) {
        this.port = port;
        this.idPrefix = idPrefix;
        this.operator = new HttpCalls(port, operatorToken);
    }

    Tenant create() {
        String id = idPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpCalls.Reply reply = operator.post("/api/operator/tenants", "{\"id\":\"" + id + "\",\"name\":\"Org " + id + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        return new Tenant(reply.body(), new HttpCalls(port, reply.body().path("scimToken").asText()),
                new HttpCalls(port, reply.body().path("adminToken").asText()));
    }
}
