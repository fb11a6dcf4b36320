package com.reftab.scim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SearchRequestTest {

    private static final String SCHEMAS = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]";

    private static SearchRequest read(String json) {
        return SearchRequest.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String json, String scimType) {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> read(json))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo(scimType);
                });
    }

    @Test
    void everyFieldBecomesTheQueryParameterOfTheSameName() {
        SearchRequest search = read("{" + SCHEMAS + ",\"filter\":\"userName eq \\\"a@b.c\\\"\",\"startIndex\":11,"
                + "\"count\":5,\"attributes\":[\"userName\",\"name.givenName\"],\"excludedAttributes\":[\"groups\"],"
                + "\"sortBy\":\"userName\",\"sortOrder\":\"descending\",\"cursor\":\"c1:x\"}");

        assertThat(search).isEqualTo(new SearchRequest("userName eq \"a@b.c\"", "11", "5",
                "userName,name.givenName", "groups", "userName", "descending", "c1:x"));
    }

    @Test
    void absentFieldsAreAbsentParameters() {
        assertThat(read("{" + SCHEMAS + "}")).isEqualTo(new SearchRequest(null, null, null, null, null, null, null, null));
    }

    @Test
    void nullFieldsAreAbsentParameters() {
        assertThat(read("{" + SCHEMAS + ",\"filter\":null,\"count\":null,\"attributes\":null}").filter()).isNull();
    }

    @Test
    void numbersSentAsStringsArePassedOnForThePagingCheck() {
        SearchRequest search = read("{" + SCHEMAS + ",\"startIndex\":\"3\",\"count\":\"7\"}");

        assertThat(search.startIndex()).isEqualTo("3");
        assertThat(search.count()).isEqualTo("7");
    }

    @Test
    void aCommaListSentAsAStringIsKept() {
        assertThat(read("{" + SCHEMAS + ",\"attributes\":\"userName,emails\"}").attributes()).isEqualTo("userName,emails");
    }

    @Test
    void anEmptyAttributeArraySelectsNothingSpecial() {
        assertThat(read("{" + SCHEMAS + ",\"attributes\":[]}").attributes()).isNull();
    }

    @Test
    void keysAreCaseInsensitive() {
        SearchRequest search = read("{\"Schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"FILTER\":\"id eq \\\"1\\\"\",\"startindex\":2,\"Count\":1}");

        assertThat(search.filter()).isEqualTo("id eq \"1\"");
        assertThat(search.startIndex()).isEqualTo("2");
        assertThat(search.count()).isEqualTo("1");
    }

    @Test
    void unknownKeysAreIgnored() {
        assertThat(read("{" + SCHEMAS + ",\"extra\":true}").filter()).isNull();
    }

    @Test
    void anAbsentSchemasIsAcceptedAsForPatchOps() {
        assertThat(read("{\"count\":1}").count()).isEqualTo("1");
    }

    @Test
    void schemasWithoutTheSearchRequestUrnIsInvalidValue() {
        assertRefused("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]}", "invalidValue");
    }

    @Test
    void schemasThatIsNotAnArrayIsInvalidValue() {
        assertRefused("{\"schemas\":\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"}", "invalidValue");
    }

    @Test
    void malformedJsonIsInvalidSyntax() {
        assertRefused("{" + SCHEMAS + ",\"count\":", "invalidSyntax");
    }

    @Test
    void aBodyThatIsNotAnObjectIsInvalidSyntax() {
        assertRefused("[]", "invalidSyntax");
    }

    @Test
    void anEmptyBodyIsInvalidSyntax() {
        assertRefused("", "invalidSyntax");
    }

    @Test
    void theSameKeyTwiceInDifferentCaseIsInvalidSyntax() {
        assertRefused("{" + SCHEMAS + ",\"count\":1,\"COUNT\":2}", "invalidSyntax");
    }

    @Test
    void aFractionalCountIsInvalidValue() {
        assertRefused("{" + SCHEMAS + ",\"count\":1.5}", "invalidValue");
    }

    @Test
    void aBooleanStartIndexIsInvalidValue() {
        assertRefused("{" + SCHEMAS + ",\"startIndex\":true}", "invalidValue");
    }

    @Test
    void aFilterThatIsNotAStringIsInvalidValue() {
        assertRefused("{" + SCHEMAS + ",\"filter\":{\"userName\":\"x\"}}", "invalidValue");
    }

    @Test
    void anAttributeNameThatIsNotAStringIsInvalidValue() {
        assertRefused("{" + SCHEMAS + ",\"attributes\":[\"userName\",1]}", "invalidValue");
    }

    @Test
    void anEmptyCursorAsksForTheFirstCursorPage() {
        assertThat(read("{" + SCHEMAS + ",\"cursor\":\"\"}").cursor()).isEmpty();
    }

    @Test
    void aSortOrderThatIsNotAStringIsInvalidValue() {
        assertRefused("{" + SCHEMAS + ",\"sortOrder\":1}", "invalidValue");
    }
}
