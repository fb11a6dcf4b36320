package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A listed user carries its groups as {@code GET /Users/{id}} answers them, whichever way the page
 * was read: in creation order the users and their groups are one statement, sorted pages read the
 * groups per chunk.
 */
@ScimIntegrationTest
class UserListGroupsTest {

    @LocalServerPort
    int port;

    HttpCalls scim;
    String prefix;

    @BeforeEach
    void setUp() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        prefix = "lg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String createUser(String suffix) {
        HttpCalls.Reply reply = scim.post("/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s-%s@x.io",
                 "name":{"givenName":"L","familyName":"%s"}}""".formatted(prefix, suffix, suffix));
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    private String createGroup(String displayName, String... members) {
        StringBuilder values = new StringBuilder();
        for (String member : members) {
            values.append(values.isEmpty() ? "" : ",").append("{\"value\":\"").append(member).append("\"}");
        }
        HttpCalls.Reply reply = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":%s,"members":[%s]}"""
                .formatted(json(displayName), values));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private JsonNode list(String query) {
        HttpCalls.Reply reply = scim.get("/scim/v2/Users?" + query);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        return reply.body().path("Resources");
    }

    private JsonNode read(String id) {
        HttpCalls.Reply reply = scim.get("/scim/v2/Users/" + id);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private String filter(String filter) {
        return "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    private String ofThisTest() {
        return filter("userName sw \"" + prefix + "\"");
    }

    @Test
    void oktasLookupAnswersTheUsersGroupsInNameOrderWithTheirNamesIntact() {
        String user = createUser("a");
        String zeta = createGroup(prefix + " Zeta \"quoted\" \\ ü ✓", user);
        String alpha = createGroup(prefix + " alpha", user);

        JsonNode found = list(filter("userName eq \"" + prefix + "-a@x.io\""));

        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("groups").findValuesAsText("value")).containsExactly(alpha, zeta);
        assertThat(found.get(0).path("groups").get(1).path("display").asText()).isEqualTo(prefix + " Zeta \"quoted\" \\ ü ✓");
        assertThat(found.get(0)).isEqualTo(read(user));
    }

    @Test
    void eachUserOfAPageCarriesItsOwnGroupsAsItsReadAnswersThem() {
        String inOne = createUser("b");
        String inNone = createUser("c");
        String inTwo = createUser("d");
        createGroup(prefix + " one", inOne, inTwo);
        createGroup(prefix + " two", inTwo);

        JsonNode page = list(ofThisTest());

        assertThat(page.findValuesAsText("id")).containsExactly(inOne, inNone, inTwo);
        assertThat(page.get(0)).isEqualTo(read(inOne));
        assertThat(page.get(1)).isEqualTo(read(inNone));
        assertThat(page.get(2)).isEqualTo(read(inTwo));
        assertThat(page.get(2).path("groups")).hasSize(2);
    }

    @Test
    void aSortedPageCarriesTheSameGroups() {
        String second = createUser("e");
        String first = createUser("f");
        createGroup(prefix + " sorted", first, second);
        createGroup(prefix + " sorted, second only", second);

        JsonNode page = list(ofThisTest() + "&sortBy=userName&sortOrder=descending");

        assertThat(page.findValuesAsText("id")).containsExactly(first, second);
        assertThat(page.get(0)).isEqualTo(read(first));
        assertThat(page.get(1)).isEqualTo(read(second));
    }

    @Test
    void aCursorPageCarriesTheSameGroups() {
        String first = createUser("g");
        String second = createUser("h");
        createGroup(prefix + " paged", second);

        HttpCalls.Reply firstPage = scim.get("/scim/v2/Users?" + ofThisTest() + "&cursor=&count=1");
        assertThat(firstPage.status()).as(firstPage.raw().body()).isEqualTo(200);
        JsonNode next = list(ofThisTest() + "&count=1&cursor=" + firstPage.body().path("nextCursor").asText());

        assertThat(firstPage.body().path("Resources").get(0)).isEqualTo(read(first));
        assertThat(next.get(0)).isEqualTo(read(second));
    }

    @Test
    void theNextIndexPageCarriesTheSameGroups() {
        String first = createUser("j");
        String second = createUser("k");
        createGroup(prefix + " indexed", first, second);
        createGroup(prefix + " indexed, second only", second);

        JsonNode firstPage = list(ofThisTest() + "&startIndex=1&count=1");
        JsonNode secondPage = list(ofThisTest() + "&startIndex=2&count=1");

        assertThat(firstPage.get(0)).isEqualTo(read(first));
        assertThat(secondPage.get(0)).isEqualTo(read(second));
    }

    @Test
    void excludedGroupsAreNotAnswered() {
        String user = createUser("i");
        createGroup(prefix + " excluded", user);

        JsonNode found = list(ofThisTest() + "&excludedAttributes=groups");

        assertThat(found.get(0).has("groups")).isFalse();
    }
}
