package com.reftab.scim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BulkRequestTest {

    private static final String SCHEMAS = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]";
    private static final String DELETE = "{\"method\":\"DELETE\",\"path\":\"/Users/1\"}";

    private static BulkRequest read(String json) {
        return BulkRequest.read(json.getBytes(StandardCharsets.UTF_8), 1000);
    }

    private static void assertRefused(String json, int status, String scimType) {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> read(json))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.scimType()).isEqualTo(scimType);
                    assertThat(e.detail()).isNotBlank();
                });
    }

    @Test
    void eachOperationKeepsWhatItWasSent() {
        BulkRequest request = read("{" + SCHEMAS + ",\"Operations\":[{\"method\":\"PATCH\",\"bulkId\":\"b1\","
                + "\"path\":\"/Groups/g1\",\"version\":\"W/\\\"3\\\"\",\"data\":{\"Operations\":[]}}]}");

        BulkRequest.Operation operation = request.operations().get(0);
        assertThat(operation.method().asText()).isEqualTo("PATCH");
        assertThat(operation.bulkId().asText()).isEqualTo("b1");
        assertThat(operation.path().asText()).isEqualTo("/Groups/g1");
        assertThat(operation.version().asText()).isEqualTo("W/\"3\"");
        assertThat(operation.data().has("Operations")).isTrue();
    }

    @Test
    void absentFieldsOfAnOperationAreNull() {
        BulkRequest.Operation operation = read("{" + SCHEMAS + ",\"Operations\":[{\"method\":\"DELETE\"}]}")
                .operations().get(0);

        assertThat(operation.path()).isNull();
        assertThat(operation.data()).isNull();
        assertThat(operation.version()).isNull();
    }

    @Test
    void withoutFailOnErrorsEveryOperationIsAttempted() {
        assertThat(read("{" + SCHEMAS + ",\"Operations\":[" + DELETE + "]}").failOnErrors()).isNull();
    }

    @Test
    void failOnErrorsIsANumberOrItsText() {
        assertThat(read("{" + SCHEMAS + ",\"failOnErrors\":2,\"Operations\":[]}").failOnErrors()).isEqualTo(2);
        assertThat(read("{" + SCHEMAS + ",\"failOnErrors\":\"3\",\"Operations\":[]}").failOnErrors()).isEqualTo(3);
    }

    @Test
    void failOnErrorsBelowOneIsInvalid() {
        assertRefused("{" + SCHEMAS + ",\"failOnErrors\":0,\"Operations\":[]}", 400, "invalidValue");
    }

    @Test
    void keysAreCaseInsensitive() {
        BulkRequest request = read("{\"Schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"FailOnErrors\":1,\"operations\":[{\"Method\":\"DELETE\",\"PATH\":\"/Users/1\"}]}");

        assertThat(request.failOnErrors()).isEqualTo(1);
        assertThat(request.operations().get(0).path().asText()).isEqualTo("/Users/1");
    }

    @Test
    void anotherMessageSchemaIsInvalid() {
        assertRefused("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[]}",
                400, "invalidValue");
    }

    @Test
    void withoutOperationsTheRequestIsInvalidSyntax() {
        assertRefused("{" + SCHEMAS + ",\"failOnErrors\":1}", 400, "invalidSyntax");
    }

    @Test
    void operationsThatAreNotAnArrayAreInvalidSyntax() {
        assertRefused("{" + SCHEMAS + ",\"Operations\":" + DELETE + "}", 400, "invalidSyntax");
    }

    @Test
    void anOperationThatIsNotAnObjectIsInvalidSyntax() {
        assertRefused("{" + SCHEMAS + ",\"Operations\":[" + DELETE + ",\"DELETE /Users/1\"]}", 400, "invalidSyntax");
    }

    @Test
    void moreOperationsThanTheLimitAre413NamingTheLimit() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> BulkRequest.read(("{" + SCHEMAS + ",\"Operations\":[" + DELETE + "," + DELETE + ","
                        + DELETE + "]}").getBytes(StandardCharsets.UTF_8), 2))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.scimType()).isNull();
                    assertThat(e.detail()).contains("maxOperations (2)");
                });
    }

    @Test
    void asManyOperationsAsTheLimitAreTaken() {
        byte[] body = ("{" + SCHEMAS + ",\"Operations\":[" + DELETE + "," + DELETE + "]}").getBytes(StandardCharsets.UTF_8);

        assertThat(BulkRequest.read(body, 2).operations()).hasSize(2);
    }

    @Test
    void aFieldOfTheWrongTypeFailsOnlyWhenItsOperationReadsIt() {
        BulkRequest.Operation operation = read("{" + SCHEMAS + ",\"Operations\":[{\"method\":7}]}").operations().get(0);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> BulkRequest.text(operation.method(), "method"))
                .satisfies(e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }
}
