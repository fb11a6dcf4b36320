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

/** Filters, sorting and cursor paging on /Users through HTTP, as Entra and other clients use them. */
@ScimIntegrationTest
class UserQueryTest {

    @LocalServerPort
    int port;

    HttpCalls scim;
    String department;

    @BeforeEach
    void setUp() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        department = "dept-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String create(String userName, String familyName, String title, String workEmail) {
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"%s","name":{"givenName":"Q","familyName":"%s"},"title":"%s",
                 "emails":[{"value":"%s","type":"work","primary":true},{"value":"home-%s","type":"home"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"%s","employeeNumber":"%s"}}
                """.formatted(userName, familyName, title, workEmail, workEmail, department, userName.hashCode());
        HttpCalls.Reply reply = scim.post("/scim/v2/Users", body);
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    private JsonNode list(String query) {
        HttpCalls.Reply reply = scim.get("/scim/v2/Users?" + query);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        return reply.body();
    }

    private static String q(String filter) {
        return "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    private String inDepartment() {
        return "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"" + department + "\"";
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("Resources").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void containsStartsWithAndPresenceFilterOnAnyAttribute() {
        String engineer = create(department + "-a@x.io", "Hopper", "Senior Engineer", department + "-a@work.io");
        create(department + "-b@x.io", "Lovelace", "Analyst", department + "-b@work.io");

        JsonNode page = list(q("(" + inDepartment() + ") and title co \"ENGINEER\" and name.familyName sw \"hop\" and title pr"));

        assertThat(ids(page)).containsExactly(engineer);
    }

    @Test
    void entrasWorkEmailLookupFindsOnlyTheWorkEmail() {
        String ada = create(department + "-c@x.io", "Byron", "Countess", department + "-c@work.io");

        assertThat(ids(list(q("emails[type eq \"work\"].value eq \"" + department.toUpperCase() + "-C@WORK.IO\""))))
                .containsExactly(ada);
        assertThat(ids(list(q("emails[type eq \"work\" and value eq \"home-" + department + "-c@work.io\"]")))).isEmpty();
    }

    @Test
    void orBindsLooserThanAnd() {
        String a = create(department + "-d@x.io", "Alpha", "One", department + "-d@work.io");
        String b = create(department + "-e@x.io", "Beta", "Two", department + "-e@work.io");

        JsonNode page = list(q(inDepartment() + " and name.familyName eq \"Alpha\" or name.familyName eq \"nobody-" + department + "\""));

        assertThat(ids(page)).containsExactly(a).doesNotContain(b);
    }

    @Test
    void sortByFamilyNameDescendingPagesInThatOrder() {
        String c = create(department + "-f@x.io", "Carver", "T", department + "-f@work.io");
        String a = create(department + "-g@x.io", "Austen", "T", department + "-g@work.io");
        String b = create(department + "-h@x.io", "Bronte", "T", department + "-h@work.io");

        List<String> order = new ArrayList<>();
        order.addAll(ids(list(q(inDepartment()) + "&sortBy=name.familyName&sortOrder=descending&startIndex=1&count=2")));
        order.addAll(ids(list(q(inDepartment()) + "&sortBy=name.familyName&sortOrder=descending&startIndex=3&count=2")));

        assertThat(order).containsExactly(c, b, a);
    }

    @Test
    void cursorPagesSeeEveryUserOnceAndEndWithoutANextCursor() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(department + "-p" + i + "@x.io", "P" + i, "T", department + "-p" + i + "@work.io"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; cursor != null && pages < 10; pages++) {
            JsonNode page = list(q(inDepartment()) + "&count=2&cursor=" + cursor);
            assertThat(page.has("startIndex")).isFalse();
            assertThat(page.path("totalResults").asInt()).isEqualTo(5);
            seen.addAll(ids(page));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        }

        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void anImportByStartIndexSkipsNoUserWhenAnEarlierOneIsDeletedBetweenPages() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(create(department + "-i" + i + "@x.io", "I" + i, "T", department + "-i" + i + "@work.io"));
        }

        List<String> seen = new ArrayList<>(ids(list(q(inDepartment()) + "&startIndex=1&count=2")));
        assertThat(scim.delete("/scim/v2/Users/" + created.get(0)).status()).isEqualTo(204);
        seen.addAll(ids(list(q(inDepartment()) + "&startIndex=3&count=2")));
        seen.addAll(ids(list(q(inDepartment()) + "&startIndex=5&count=2")));

        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void aForeignCursorIsInvalidCursor() {
        HttpCalls.Reply reply = scim.get("/scim/v2/Users?cursor=bm90LW91cnM");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidCursor");
    }

    @Test
    void anUnknownSortAttributeIsInvalidValue() {
        HttpCalls.Reply reply = scim.get("/scim/v2/Users?sortBy=shoeSize");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void theServiceProviderConfigAdvertisesSortingAndCursorPaging() {
        JsonNode spc = scim.get("/scim/v2/ServiceProviderConfig").body();

        assertThat(spc.path("sort").path("supported").asBoolean()).isTrue();
        assertThat(spc.path("pagination").path("cursor").asBoolean()).isTrue();
        assertThat(spc.path("filter").path("maxResults").asInt()).isPositive();
    }
}
