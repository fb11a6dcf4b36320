package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad requests get the right SCIM error and change nothing: not the directory, the outbox or the user store. */
@ScimIntegrationTest
class BadInputTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpCalls scim;
    String existingId;

    @BeforeEach
    void setUp() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        existingId = scim.post("/scim/v2/Users", oktaUser("bad-input-" + UUID.randomUUID() + "@atko.com", "Test", "User"))
                .body().path("id").asText();
    }

    private List<Long> state() {
        return List.of(count("scim_user"), count("scim_user_value"), count("outbox_event"),
                jdbc.queryForObject("select coalesce(max(version), 0) from scim_user", Long.class));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private void assertRefused(HttpCalls.Reply reply, int status, String scimType) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
        assertThat(reply.body().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(reply.body().path("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(reply.body().path("detail").asText()).isNotBlank();
        if (scimType != null) {
            assertThat(reply.body().path("scimType").asText()).isEqualTo(scimType);
        }
        assertThat(reply.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void malformedJsonIsInvalidSyntax() {
        List<Long> before = state();

        assertRefused(scim.post("/scim/v2/Users", "{\"userName\": \"x@atko.com\","), 400, "invalidSyntax");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void duplicateJsonKeysAreInvalidSyntax() {
        List<Long> before = state();

        assertRefused(scim.post("/scim/v2/Users", "{\"userName\":\"a@atko.com\",\"userName\":\"b@atko.com\"}"), 400, "invalidSyntax");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotAnObjectIsInvalidSyntax() {
        assertRefused(scim.post("/scim/v2/Users", "[1,2,3]"), 400, "invalidSyntax");
    }

    @Test
    void missingUserNameIsInvalidValue() {
        List<Long> before = state();

        assertRefused(scim.post("/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"name\":{\"givenName\":\"A\"}}"),
                400, "invalidValue");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void wrongJsonTypeIsInvalidValue() {
        List<Long> before = state();

        assertRefused(scim.post("/scim/v2/Users", "{\"userName\":\"t@atko.com\",\"active\":\"maybe\"}"), 400, "invalidValue");
        assertRefused(scim.post("/scim/v2/Users", "{\"userName\":42}"), 400, "invalidValue");
        assertRefused(scim.post("/scim/v2/Users", "{\"userName\":\"t@atko.com\",\"emails\":\"t@atko.com\"}"), 400, "invalidValue");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aPatchThatBreaksTheUserChangesNothing() {
        List<Long> before = state();
        String patch = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"name.givenName","value":"Changed"},
                 {"op":"remove","path":"userName"}]}
                """;

        assertRefused(scim.patch("/scim/v2/Users/" + existingId, patch), 400, "invalidValue");

        assertThat(state()).isEqualTo(before);
        assertThat(scim.get("/scim/v2/Users/" + existingId).body().path("name").path("givenName").asText()).isEqualTo("Test");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        List<Long> before = state();
        String huge = "{\"userName\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        assertRefused(scim.post("/scim/v2/Users", huge), 413, null);

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aFormBodyIsRefusedWith415() {
        List<Long> before = state();

        assertRefused(scim.send("POST", "/scim/v2/Users", "application/x-www-form-urlencoded", "userName=x"), 415, null);

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aBodyWithoutContentTypeIsAcceptedAsJson() {
        HttpCalls.Reply reply = scim.send("POST", "/scim/v2/Users", null,
                oktaUser("no-content-type-" + UUID.randomUUID() + "@atko.com", "A", "B"));

        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void aWrongTokenIs401WithAScimErrorAndChangesNothing() {
        List<Long> before = state();
        HttpCalls intruder = new HttpCalls(port, "not-the-token");

        HttpCalls.Reply reply = intruder.post("/scim/v2/Users", oktaUser("intruder@atko.com", "I", "X"));

        assertRefused(reply, 401, null);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aMissingTokenIs401() {
        assertRefused(new HttpCalls(port, null).get("/scim/v2/Users"), 401, null);
    }

    @Test
    void theAdminTokenDoesNotOpenScimNorTheScimTokenTheAdminApi() {
        assertRefused(new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN).get("/scim/v2/Users"), 401, null);
        assertRefused(scim.get("/api/admin/accounts"), 401, null);
    }

    @Test
    void anUnknownIdInAnyFormatIs404() {
        List<Long> before = state();

        assertRefused(scim.get("/scim/v2/Users/010101001010101011001010101011"), 404, null);
        assertRefused(scim.put("/scim/v2/Users/00919288221112222", oktaUser("ghost@atko.com", "G", "H")), 404, null);
        assertRefused(scim.patch("/scim/v2/Users/not-a-uuid", HttpCalls.activePatch(false)), 404, null);
        assertRefused(scim.delete("/scim/v2/Users/no-such-id"), 404, null);

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aPathTraversalIdIsRefusedWithAScimError() {
        List<Long> before = state();

        assertRefused(scim.delete("/scim/v2/Users/%2e%2e%2f" + existingId), 400, null);

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void anInvalidFilterIsInvalidFilterNotAnEmptyList() {
        assertRefused(scim.get("/scim/v2/Users?filter=userName%20zz%20%22x%22"), 400, "invalidFilter");
        assertRefused(scim.get("/scim/v2/Users?filter=shoeSize%20eq%20%22x%22"), 400, "invalidFilter");
        assertRefused(scim.get("/scim/v2/Users?filter=userName%20eq"), 400, "invalidFilter");
    }

    @Test
    void aFilterInjectionAttemptIsJustAValue() {
        HttpCalls.Reply reply = scim.get("/scim/v2/Users?filter=userName%20eq%20%22x%27%20or%201%3D1%20--%22");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("totalResults").asInt()).isZero();
    }

    @Test
    void aNonNumericStartIndexIsInvalidValue() {
        assertRefused(scim.get("/scim/v2/Users?startIndex=abc"), 400, "invalidValue");
    }

    @Test
    void aPatchWithoutOperationsIsInvalidSyntax() {
        assertRefused(scim.patch("/scim/v2/Users/" + existingId,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]}"), 400, "invalidSyntax");
    }

    @Test
    void aPatchThatAddsABareEmailAndThenSetsItsTypeAppliesBoth() {
        String patch = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"add","path":"emails","value":"second@atko.com"},
                 {"op":"replace","path":"emails.type","value":"home"}]}
                """;

        HttpCalls.Reply reply = scim.patch("/scim/v2/Users/" + existingId, patch);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("emails")).hasSize(2).allSatisfy(email -> assertThat(email.path("type").asText()).isEqualTo("home"));
        assertThat(reply.body().path("emails").path(1).path("value").asText()).isEqualTo("second@atko.com");
    }

    @Test
    void aUserNameLongerThanItsColumnOnceLowerCasedIsInvalidValue() {
        List<Long> before = state();
        // U+0130 lower-cases to two characters: 300 of them pass a length check of 512 and store 600.
        HttpCalls.Reply reply = scim.post("/scim/v2/Users", userNamed("\u0130".repeat(300)));

        assertRefused(reply, 400, "invalidValue");
        assertThat(reply.body().path("detail").asText()).contains("userName").contains("512");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aUserNameOfExactlyTheColumnOnceLowerCasedIsStoredAndFound() {
        String userName = "\u0130".repeat(256);

        HttpCalls.Reply created = scim.post("/scim/v2/Users", userNamed(userName));

        assertThat(created.status()).isEqualTo(201);
        assertThat(scim.get("/scim/v2/Users?filter=" + java.net.URLEncoder.encode("userName eq \"" + userName + "\"",
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")).body().path("totalResults").asInt()).isEqualTo(1);
    }

    private static String userNamed(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"}";
    }

    @Test
    void aFilterNested3000DeepIsInvalidFilterNamingTheDepthBound() {
        String filter = "not(".repeat(3000) + "userName eq \"x\"" + ")".repeat(3000);
        String search = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"%s\"}"
                .formatted(filter.replace("\"", "\\\""));

        for (HttpCalls.Reply reply : List.of(scim.post("/scim/v2/Users/.search", search), scim.post("/scim/v2/.search", search),
                scim.get("/scim/v2/Groups?filter=" + filter.replace(" ", "%20").replace("\"", "%22")))) {
            assertRefused(reply, 400, "invalidFilter");
            assertThat(reply.body().path("detail").asText()).containsAnyOf("deep", "long");
        }
    }

    @Test
    void anUnknownEndpointIs404AndAWrongMethodIs405() {
        assertRefused(scim.get("/scim/v2/Nothing"), 404, null);
        assertRefused(scim.post("/scim/v2/ServiceProviderConfig", "{}"), 405, null);
    }
}
