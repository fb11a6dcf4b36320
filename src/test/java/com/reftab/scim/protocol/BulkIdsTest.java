package com.reftab.scim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BulkIdsTest {

    private static final String ALICE_ID = "92b725cd-9465-4e7d-8c16-01f8e146b87a";

    private static JsonNode json(String text) {
        return ScimJson.readObject(text.getBytes(StandardCharsets.UTF_8));
    }

    private static BulkIds withAliceCreatedAs(String bulkId) {
        BulkIds bulkIds = new BulkIds();
        bulkIds.declare(bulkId);
        bulkIds.created(bulkId, ALICE_ID);
        return bulkIds;
    }

    private static void assertUnresolved(BulkIds bulkIds, String reference, String detailPart) {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bulkIds.resolve(reference))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.scimType()).isNull();
                    assertThat(e.detail()).contains(reference).contains(detailPart);
                });
    }

    @Test
    void aMemberValueReferencingABulkIdBecomesTheIdItsPostCreated() {
        BulkIds bulkIds = withAliceCreatedAs("qwerty");

        JsonNode group = bulkIds.resolve(json("""
                {"displayName":"Tour Guides","members":[{"type":"User","value":"bulkId:qwerty"}]}"""));

        assertThat(group).isEqualTo(json("""
                {"displayName":"Tour Guides","members":[{"type":"User","value":"%s"}]}""".formatted(ALICE_ID)));
    }

    @Test
    void aReferenceInsideAnExtensionIsReplacedToo() {
        BulkIds bulkIds = withAliceCreatedAs("qwerty");

        JsonNode user = bulkIds.resolve(json("""
                {"userName":"bob","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                 {"manager":{"value":"bulkId:qwerty"}}}"""));

        assertThat(user.at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/manager/value").asText())
                .isEqualTo(ALICE_ID);
    }

    @Test
    void aReferenceInAPatchValueIsReplaced() {
        BulkIds bulkIds = withAliceCreatedAs("qwerty");

        JsonNode patch = bulkIds.resolve(json("""
                {"Operations":[{"op":"add","path":"members","value":[{"value":"bulkId:qwerty"}]}]}"""));

        assertThat(patch.at("/Operations/0/value/0/value").asText()).isEqualTo(ALICE_ID);
    }

    @Test
    void aPathSegmentThatIsAReferenceBecomesTheId() {
        assertThat(withAliceCreatedAs("qwerty").resolve("bulkId:qwerty")).isEqualTo(ALICE_ID);
    }

    @Test
    void textThatOnlyContainsAReferenceIsDataAndStays() {
        BulkIds bulkIds = withAliceCreatedAs("qwerty");
        JsonNode user = json("""
                {"userName":"carol","nickName":"see bulkId:qwerty","active":true,"emails":[]}""");

        assertThat(bulkIds.resolve(user)).isEqualTo(user);
    }

    @Test
    void bulkIdsAreCaseSensitive() {
        assertUnresolved(withAliceCreatedAs("qwerty"), "bulkId:QWERTY", "no earlier POST");
    }

    @Test
    void theDataGivenIsLeftAsItWas() {
        BulkIds bulkIds = withAliceCreatedAs("qwerty");
        JsonNode group = json("""
                {"displayName":"Tour Guides","members":[{"value":"bulkId:qwerty"}]}""");

        bulkIds.resolve(group);

        assertThat(group.at("/members/0/value").asText()).isEqualTo("bulkId:qwerty");
    }

    @Test
    void aReferenceToAFailedPostIsAConflictSayingSo() {
        BulkIds bulkIds = new BulkIds();
        bulkIds.declare("qwerty");
        bulkIds.failed("qwerty");

        assertUnresolved(bulkIds, "bulkId:qwerty", "failed");
    }

    @Test
    void aReferenceToABulkIdNoPostDeclaredIsAConflict() {
        assertUnresolved(new BulkIds(), "bulkId:qwerty", "no earlier POST");
    }

    @Test
    void aReferenceToAPostStillRunningIsAConflictSoACycleIsNotResolved() {
        BulkIds bulkIds = new BulkIds();
        bulkIds.declare("groupA");

        assertUnresolved(bulkIds, "bulkId:groupA", "circular references are not resolved");
    }

    @Test
    void anUnresolvedReferenceDeepInTheDataFailsTheWholeData() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> new BulkIds().resolve(json("""
                        {"displayName":"Tour Guides","members":[{"value":"bulkId:nobody"}]}""")))
                .satisfies(e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void aBulkIdCanBeDeclaredOnlyOncePerRequest() {
        BulkIds bulkIds = withAliceCreatedAs("qwerty");

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bulkIds.declare("qwerty"))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidValue");
                });
    }

    @Test
    void aSecondDeclarationKeepsTheFirstPostsId() {
        BulkIds bulkIds = withAliceCreatedAs("qwerty");

        assertThatExceptionOfType(ScimException.class).isThrownBy(() -> bulkIds.declare("qwerty"));

        assertThat(bulkIds.resolve("bulkId:qwerty")).isEqualTo(ALICE_ID);
    }
}
