package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * POST .search (RFC 7644 §3.4.3): the body's parameters give what the same GET list gives; the
 * root search pages over Users, then Groups.
 */
@ScimIntegrationTest
class SearchTest {

    private static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    @LocalServerPort
    int port;

    HttpCalls scim;
    String tag;

    @BeforeEach
    void setUp() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        tag = "search-" + UUID.randomUUID();
    }

    /** Users tagged with this test's externalId, in creation order. */
    private List<String> createUsers(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpCalls.Reply created = scim.post("/scim/v2/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s-%d@atko.com",
                     "externalId":"%s","name":{"givenName":"Search","familyName":"User %d"}}
                    """.formatted(tag, i, tag, i));
            assertThat(created.status()).isEqualTo(201);
            ids.add(created.body().path("id").asText());
        }
        return ids;
    }

    private List<String> createGroups(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpCalls.Reply created = scim.post("/scim/v2/Groups", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s %d","externalId":"%s"}
                    """.formatted(tag, i, tag));
            assertThat(created.status()).isEqualTo(201);
            ids.add(created.body().path("id").asText());
        }
        return ids;
    }

    private String byTag(long startIndex, int count) {
        return """
                {"schemas":["%s"],"filter":"externalId eq \\"%s\\"","startIndex":%d,"count":%d}
                """.formatted(SEARCH, tag, startIndex, count);
    }

    private static List<String> ids(HttpCalls.Reply reply) {
        List<String> ids = new ArrayList<>();
        reply.body().path("Resources").forEach(resource -> ids.add(resource.path("id").asText()));
        return ids;
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void assertRefused(HttpCalls.Reply reply, int status, String scimType) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
        assertThat(reply.body().path("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(reply.body().path("scimType").asText(null)).isEqualTo(scimType);
        assertThat(reply.body().path("detail").asText()).isNotBlank();
    }

    @Test
    void aUserSearchAnswersWhatTheSameGetListAnswers() {
        createUsers(3);
        String filter = "externalId eq \"" + tag + "\"";

        HttpCalls.Reply searched = scim.post("/scim/v2/Users/.search", """
                {"schemas":["%s"],"filter":"externalId eq \\"%s\\"","startIndex":2,"count":1,
                 "attributes":["userName","name.familyName"]}
                """.formatted(SEARCH, tag));
        HttpCalls.Reply listed = scim.get("/scim/v2/Users?filter=" + query(filter)
                + "&startIndex=2&count=1&attributes=userName,name.familyName");

        assertThat(searched.status()).isEqualTo(200);
        assertThat(searched.header("Content-Type")).startsWith("application/scim+json");
        assertThat(searched.body()).isEqualTo(listed.body());
        assertThat(searched.body().path("totalResults").asInt()).isEqualTo(3);
        assertThat(searched.body().path("Resources").get(0).path("name").path("familyName").asText()).isEqualTo("User 1");
        assertThat(searched.body().path("Resources").get(0).has("emails")).isFalse();
    }

    @Test
    void aGroupSearchAnswersWhatTheSameGetListAnswers() {
        createGroups(2);
        String filter = "externalId eq \"" + tag + "\"";

        HttpCalls.Reply searched = scim.post("/scim/v2/Groups/.search", """
                {"schemas":["%s"],"filter":"externalId eq \\"%s\\"","excludedAttributes":["members"]}
                """.formatted(SEARCH, tag));
        HttpCalls.Reply listed = scim.get("/scim/v2/Groups?filter=" + query(filter) + "&excludedAttributes=members");

        assertThat(searched.status()).isEqualTo(200);
        assertThat(searched.body()).isEqualTo(listed.body());
        assertThat(searched.body().path("totalResults").asInt()).isEqualTo(2);
        assertThat(searched.body().path("Resources").get(0).has("members")).isFalse();
    }

    @Test
    void numbersMayArriveAsStrings() {
        createUsers(2);

        HttpCalls.Reply searched = scim.post("/scim/v2/Users/.search", """
                {"schemas":["%s"],"filter":"externalId eq \\"%s\\"","startIndex":"2","count":"5"}
                """.formatted(SEARCH, tag));

        assertThat(searched.status()).isEqualTo(200);
        assertThat(searched.body().path("startIndex").asInt()).isEqualTo(2);
        assertThat(searched.body().path("Resources")).hasSize(1);
    }

    @Test
    void theRootSearchListsUsersThenGroupsWithBothTotals() {
        List<String> users = createUsers(2);
        List<String> groups = createGroups(2);

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", byTag(1, 10));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(4);
        assertThat(reply.body().path("itemsPerPage").asInt()).isEqualTo(4);
        assertThat(ids(reply)).containsExactly(users.get(0), users.get(1), groups.get(0), groups.get(1));
        assertThat(reply.body().path("Resources").get(0).path("meta").path("resourceType").asText()).isEqualTo("User");
        assertThat(reply.body().path("Resources").get(2).path("meta").path("resourceType").asText()).isEqualTo("Group");
    }

    @Test
    void aRootSearchPageMaySpanUsersAndGroups() {
        List<String> users = createUsers(3);
        List<String> groups = createGroups(2);

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", byTag(3, 2));

        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(5);
        assertThat(reply.body().path("startIndex").asInt()).isEqualTo(3);
        assertThat(ids(reply)).containsExactly(users.get(2), groups.get(0));
    }

    @Test
    void aRootSearchPagePastTheUsersHoldsOnlyGroups() {
        createUsers(3);
        List<String> groups = createGroups(2);

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", byTag(5, 2));

        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(5);
        assertThat(ids(reply)).containsExactly(groups.get(1));
    }

    @Test
    void aRootSearchPageWithinTheUsersHoldsOnlyUsers() {
        List<String> users = createUsers(3);
        createGroups(2);

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", byTag(1, 2));

        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(5);
        assertThat(ids(reply)).containsExactly(users.get(0), users.get(1));
    }

    @Test
    void aRootSearchPagePastEverythingIsEmptyWithTheTotal() {
        createUsers(1);
        createGroups(1);

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", byTag(3, 10));

        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(2);
        assertThat(reply.body().path("Resources")).isEmpty();
    }

    @Test
    void aRootSearchWithCountZeroGivesOnlyTheTotal() {
        createUsers(2);
        createGroups(1);

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", byTag(1, 0));

        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(3);
        assertThat(reply.body().path("itemsPerPage").asInt()).isZero();
    }

    @Test
    void aRootSearchByAnAttributeOnlyUsersHaveFindsOnlyUsers() {
        List<String> users = createUsers(1);
        createGroups(1);

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", """
                {"schemas":["%s"],"filter":"userName eq \\"%s-0@atko.com\\""}
                """.formatted(SEARCH, tag));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(ids(reply)).containsExactly(users.get(0));
    }

    @Test
    void aRootSearchByAnAttributeOnlyGroupsHaveFindsOnlyGroups() {
        String member = createUsers(1).get(0);
        HttpCalls.Reply group = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[{"value":"%s"}]}
                """.formatted(tag, member));

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", """
                {"schemas":["%s"],"filter":"members.value eq \\"%s\\""}
                """.formatted(SEARCH, member));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply)).containsExactly(group.body().path("id").asText());
    }

    @Test
    void aRootSearchByAFilterNeitherTypeSupportsIsInvalidFilter() {
        assertRefused(scim.post("/scim/v2/.search", """
                {"schemas":["%s"],"filter":"shoeSize eq \\"x\\""}
                """.formatted(SEARCH)), 400, "invalidFilter");
    }

    @Test
    void aSearchWithAnUnsupportedFilterIsInvalidFilter() {
        assertRefused(scim.post("/scim/v2/Users/.search", """
                {"schemas":["%s"],"filter":"userName zz \\"x\\""}
                """.formatted(SEARCH)), 400, "invalidFilter");
    }

    @Test
    void aUserSearchSortsAsTheSameGetListSorts() {
        createUsers(3);
        String filter = "externalId eq \"" + tag + "\"";

        HttpCalls.Reply searched = scim.post("/scim/v2/Users/.search", """
                {"schemas":["%s"],"filter":"externalId eq \\"%s\\"","sortBy":"name.familyName","sortOrder":"descending"}
                """.formatted(SEARCH, tag));
        HttpCalls.Reply listed = scim.get("/scim/v2/Users?filter=" + query(filter)
                + "&sortBy=name.familyName&sortOrder=descending");

        assertThat(searched.status()).isEqualTo(200);
        assertThat(searched.body()).isEqualTo(listed.body());
        assertThat(searched.body().path("Resources").get(0).path("name").path("familyName").asText()).isEqualTo("User 2");
    }

    @Test
    void aRootSearchSortsEachTypeAndKeepsAGroupsOwnOrderForAUserOnlySortKey() {
        List<String> users = createUsers(3);
        List<String> groups = createGroups(2);

        HttpCalls.Reply reply = scim.post("/scim/v2/.search", """
                {"schemas":["%s"],"filter":"externalId eq \\"%s\\"","sortBy":"userName","sortOrder":"descending"}
                """.formatted(SEARCH, tag));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply)).containsExactly(users.get(2), users.get(1), users.get(0), groups.get(0), groups.get(1));
    }

    @Test
    void aRootSearchWithASortOrderNeitherTypeTakesIsInvalidValue() {
        assertRefused(scim.post("/scim/v2/.search", """
                {"schemas":["%s"],"sortBy":"externalId","sortOrder":"sideways"}
                """.formatted(SEARCH)), 400, "invalidValue");
    }

    @Test
    void aUserSearchPagesByCursorAsTheSameGetListDoes() {
        List<String> users = createUsers(3);

        HttpCalls.Reply first = scim.post("/scim/v2/Users/.search", """
                {"schemas":["%s"],"filter":"externalId eq \\"%s\\"","cursor":"","count":2}
                """.formatted(SEARCH, tag));
        HttpCalls.Reply second = scim.post("/scim/v2/Users/.search", """
                {"schemas":["%s"],"filter":"externalId eq \\"%s\\"","cursor":"%s","count":2}
                """.formatted(SEARCH, tag, first.body().path("nextCursor").asText()));

        assertThat(ids(first)).containsExactly(users.get(0), users.get(1));
        assertThat(ids(second)).containsExactly(users.get(2));
        assertThat(second.body().has("nextCursor")).isFalse();
    }

    @Test
    void aRootSearchWithACursorIsInvalidValue() {
        assertRefused(scim.post("/scim/v2/.search", """
                {"schemas":["%s"],"cursor":""}
                """.formatted(SEARCH)), 400, "invalidValue");
    }

    @Test
    void aSearchWithWrongSchemasIsInvalidValue() {
        assertRefused(scim.post("/scim/v2/Users/.search",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]}"), 400, "invalidValue");
    }

    @Test
    void aSearchWithAMalformedBodyIsInvalidSyntax() {
        assertRefused(scim.post("/scim/v2/Groups/.search", "{\"schemas\":["), 400, "invalidSyntax");
        assertRefused(scim.post("/scim/v2/.search", "\"filter\""), 400, "invalidSyntax");
    }

    @Test
    void aSearchWithANonNumericCountIsInvalidValue() {
        assertRefused(scim.post("/scim/v2/.search", """
                {"schemas":["%s"],"count":"ten"}
                """.formatted(SEARCH)), 400, "invalidValue");
    }

    @Test
    void aSearchWithoutTheTokenIs401() {
        assertRefused(new HttpCalls(port, null).post("/scim/v2/.search", byTag(1, 1)), 401, null);
    }

    @Test
    void aSearchAnswerEchoesNoRequestHeaders() {
        HttpCalls.Reply reply = scim.post("/scim/v2/Users/.search", byTag(1, 1));

        assertThat(reply.raw().headers().map()).doesNotContainKeys("authorization", "user-agent");
    }

    @Test
    void getOfTheRootSearchIsMethodNotAllowed() {
        JsonNode body = scim.get("/scim/v2/.search").body();

        assertThat(body.path("status").asText()).isEqualTo("405");
    }
}
