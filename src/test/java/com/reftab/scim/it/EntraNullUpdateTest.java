package com.reftab.scim.it;

import static com.reftab.scim.it.EntraCalls.ENTERPRISE;
import static com.reftab.scim.it.EntraCalls.op;
import static com.reftab.scim.it.EntraCalls.quoted;
import static com.reftab.scim.it.EntraCalls.uniqueUserName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Microsoft's SCIM_Null_Update: a PATCH that replaces optional attributes with {@code ""} leaves
 * them empty, and a second one with {@code null} keeps them so; either alone clears a value that is
 * set. Held for a simple attribute, a complex attribute's sub-attribute, a multi-valued attribute's
 * sub-attribute by value filter, and attributes of the enterprise extension.
 */
@ScimIntegrationTest
class EntraNullUpdateTest {

    private static final List<String> PATHS = List.of(
            "title", "nickName", "name.formatted", "addresses[type eq \"work\"].locality",
            ENTERPRISE + ":department", ENTERPRISE + ":employeeNumber");

    @LocalServerPort
    int port;

    EntraCalls entra;

    @BeforeEach
    void clients() {
        entra = EntraCalls.withClientSecret(port, ScimIntegrationTest.ADMIN_TOKEN);
    }

    private String userWithEveryOptionalValueSet() {
        String id = entra.provisionUser(uniqueUserName(), "Null", "Update");
        HttpCalls.Reply set = entra.patch("/Users/" + id, PATHS.stream()
                .map(path -> op("Add", path, quoted("set " + path.length()))).toArray(String[]::new));
        assertThat(set.status()).as("set: %s", set.body()).isIn(200, 204);
        JsonNode user = entra.get("/Users/" + id).body();
        assertThat(PATHS).allSatisfy(path -> assertThat(value(user, path)).as(path).isNotEmpty());
        return id;
    }

    private HttpCalls.Reply replaceAllWith(String id, String jsonValue) {
        return entra.patch("/Users/" + id, PATHS.stream().map(path -> op("Replace", path, jsonValue)).toArray(String[]::new));
    }

    private void assertAllEmpty(String id) {
        JsonNode user = entra.get("/Users/" + id).body();
        assertThat(PATHS).allSatisfy(path -> assertThat(value(user, path)).as("%s in %s", path, user).isEmpty());
        assertThat(user.path("userName").asText()).isNotEmpty();
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Null");
    }

    /** The attribute's text as Entra's validator reads it: "" when absent, null or empty. */
    private static String value(JsonNode user, String path) {
        JsonNode node;
        if (path.startsWith(ENTERPRISE)) {
            node = user.path(ENTERPRISE).path(path.substring(ENTERPRISE.length() + 1));
        } else if (path.startsWith("addresses")) {
            node = user.path("addresses").path(0).path("locality");
        } else if (path.contains(".")) {
            node = user.path(path.substring(0, path.indexOf('.'))).path(path.substring(path.indexOf('.') + 1));
        } else {
            node = user.path(path);
        }
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    @Test
    void aReplaceWithEmptyStringsClearsOptionalAttributes() {
        String id = userWithEveryOptionalValueSet();

        HttpCalls.Reply reply = replaceAllWith(id, "\"\"");

        assertThat(reply.status()).as("%s", reply.body()).isIn(200, 204);
        assertAllEmpty(id);
    }

    @Test
    void aReplaceWithNullsClearsOptionalAttributes() {
        String id = userWithEveryOptionalValueSet();

        HttpCalls.Reply reply = replaceAllWith(id, "null");

        assertThat(reply.status()).as("%s", reply.body()).isIn(200, 204);
        assertAllEmpty(id);
    }

    @Test
    void emptyStringsThenNullsLeaveTheAttributesEmpty() {
        String id = userWithEveryOptionalValueSet();

        HttpCalls.Reply first = replaceAllWith(id, "\"\"");
        assertThat(first.status()).as("%s", first.body()).isIn(200, 204);
        assertAllEmpty(id);
        HttpCalls.Reply second = replaceAllWith(id, "null");

        assertThat(second.status()).as("%s", second.body()).isIn(200, 204);
        assertAllEmpty(id);
    }

    @Test
    void clearingTheValueOfAFilteredEmailOrPhoneRemovesThatEntryRatherThanKeepingAnEmptyOne() {
        String id = entra.provisionUser(uniqueUserName(), "Null", "Update");
        entra.patch("/Users/" + id, op("Add", "phoneNumbers[type eq \"mobile\"].value", quoted("+1 425 555 0101")),
                op("Add", "phoneNumbers[type eq \"work\"].value", quoted("+1 425 555 0102")));

        HttpCalls.Reply reply = entra.patch("/Users/" + id, op("Replace", "emails[type eq \"work\"].value", "\"\""),
                op("Replace", "phoneNumbers[type eq \"mobile\"].value", "null"));

        assertThat(reply.status()).as("%s", reply.body()).isIn(200, 204);
        JsonNode user = entra.get("/Users/" + id).body();
        assertThat(user.has("emails")).as("%s", user).isFalse();
        assertThat(user.path("phoneNumbers")).hasSize(1);
        assertThat(user.path("phoneNumbers").get(0).path("type").asText()).isEqualTo("work");
        assertThat(user.path("phoneNumbers").get(0).path("value").asText()).isEqualTo("+1 425 555 0102");
    }
}
