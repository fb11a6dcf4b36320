package com.reftab.scim.resources;

import static com.reftab.scim.protocol.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.PatchOp;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The SCIM operations, specified against a resource type that is only a class and its schema
 * ({@link Notes}): versions, conditional requests, tenants, uniqueness and the answers come from
 * the service, alike for every type.
 */
class ResourcesTest {

    private static final ScimCall CALL = new ScimCall("t1", "https://scim.example");
    private static final ScimCall OTHER_TENANT = new ScimCall("t2", "https://scim.example");
    private static final AttributeSelection ALL = AttributeSelection.ALL;

    private final Notes notes = new Notes();
    private final Resources resources = new Resources(TransactionOperations.withoutTransaction(), FilterLimits.DEFAULTS, 200);

    private String create(String title) {
        return resources.create(CALL, notes, json("{\"title\": \"" + title + "\"}"), ALL).body().path("id").asText();
    }

    @Test
    void aCreatedResourceIsAnswered201WithItsLocationAndVersion() {
        ResourceResult created = resources.create(CALL, notes, json("{\"title\": \"Groceries\"}"), ALL);

        String id = created.body().path("id").asText();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("https://scim.example/scim/v2/Notes/" + id);
        assertThat(created.etag()).isEqualTo("W/\"1\"");
        assertThat(created.body().path("title").asText()).isEqualTo("Groceries");
        assertThat(notes.events).containsExactly("created " + id);
    }

    @Test
    void aResourceIsFoundOnlyByItsOwnTenant() {
        String id = create("Mine");

        assertThat(resources.get(CALL, notes, id, ALL, null).status()).isEqualTo(200);
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> resources.get(OTHER_TENANT, notes, id, ALL, null))
                .returns(404, ScimException::status);
    }

    @Test
    void aReadNamingTheCurrentVersionIsAnsweredNotModified() {
        String id = create("Cached");

        ResourceResult read = resources.get(CALL, notes, id, ALL, "W/\"1\"");

        assertThat(read.status()).isEqualTo(304);
        assertThat(read.body()).isNull();
        assertThat(read.etag()).isEqualTo("W/\"1\"");
    }

    @Test
    void aWriteNamingAnOlderVersionIsRefused412AndChangesNothing() {
        String id = create("Draft");
        resources.replace(CALL, notes, id, json("{\"title\": \"Draft\", \"text\": \"v2\"}"), ALL, null);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> resources.replace(CALL, notes, id, json("{\"title\": \"Draft\", \"text\": \"v3\"}"), ALL,
                        "W/\"1\""))
                .returns(412, ScimException::status);
        assertThat(notes.find("t1", id).orElseThrow().attributes().path("text").asText()).isEqualTo("v2");
    }

    @Test
    void aReplaceThatChangesNothingKeepsTheVersionAndAppendsNoEvent() {
        String id = create("Same");

        ResourceResult replaced = resources.replace(CALL, notes, id, json("{\"title\": \"Same\"}"), ALL, "W/\"1\"");

        assertThat(replaced.etag()).isEqualTo("W/\"1\"");
        assertThat(notes.events).containsExactly("created " + id);
    }

    @Test
    void aPatchIsAppliedAsTypedOperationsAndMovesTheVersion() {
        String id = create("Todo");

        ResourceResult patched = resources.patch(CALL, notes, id, PatchOp.read(json("""
                {"Operations": [{"op": "add", "path": "text", "value": "milk"}]}""")), ALL, null);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.etag()).isEqualTo("W/\"2\"");
        assertThat(patched.body().path("text").asText()).isEqualTo("milk");
    }

    @Test
    void aSecondResourceWithTheSameUniqueValueIsRefusedWithTheTypesUniquenessError() {
        create("Unique");

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> create("Unique"))
                .returns(409, ScimException::status)
                .returns("A note with title 'Unique' already exists.", ScimException::detail);
    }

    @Test
    void aDeletedResourceIsAnswered204AndIsGone() {
        String id = create("Old");

        assertThat(resources.delete(CALL, notes, id, "W/\"1\"").status()).isEqualTo(204);
        assertThat(notes.find("t1", id)).isEmpty();
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> resources.delete(CALL, notes, id, null))
                .returns(404, ScimException::status);
    }

    @Test
    void attributesNamedWithTheTypesSchemaUrnAreTheTypesAttributes() {
        String id = resources.create(CALL, notes, json("{\"title\": \"Selected\", \"text\": \"x\"}"), ALL)
                .body().path("id").asText();

        ObjectNode read = resources.get(CALL, notes, id,
                AttributeSelection.of(Notes.SCHEMA_URN + ":title", null, Notes.SCHEMA), null).body();

        assertThat(read.path("title").asText()).isEqualTo("Selected");
        assertThat(read.has("text")).isFalse();
    }

    @Test
    void aListIsAPageOfTheTenantsResourcesWrittenAsAListResponse() throws Exception {
        create("a");
        create("b");
        create("c");
        resources.create(OTHER_TENANT, notes, json("{\"title\": \"elsewhere\"}"), ALL);

        ResourceResult list = resources.list(CALL, notes, new ListQuery(null, "2", "1", null, null, null), ALL);

        JsonNode written = written(list);
        assertThat(written.path("totalResults").asLong()).isEqualTo(3);
        assertThat(written.path("startIndex").asLong()).isEqualTo(2);
        assertThat(written.path("Resources")).hasSize(1);
    }

    @Test
    void discoveryBulkAndTheRootSearchServeEveryRegisteredType() {
        ResourceTypes types = new ResourceTypes(List.of(notes));

        ScimDiscovery discovery = new ScimDiscovery(types, 200, 1_048_576, 1000);
        assertThat(discovery.resourceType("note").body().path("endpoint").asText()).isEqualTo("/Notes");
        assertThat(discovery.schema(Notes.SCHEMA_URN).body().path("name").asText()).isEqualTo("Note");

        ScimBulk bulk = new ScimBulk(resources, types, TransactionOperations.withoutTransaction(), 1000);
        JsonNode results = bulk.apply(CALL, """
                {"Operations": [{"method": "POST", "bulkId": "n", "path": "/Notes", "data": {"title": "Bulk"}},
                                {"method": "PATCH", "path": "/Notes/bulkId:n",
                                 "data": {"Operations": [{"op": "add", "path": "text", "value": "x"}]}}]}"""
                .getBytes(StandardCharsets.UTF_8)).body().path("Operations");
        assertThat(results.get(0).path("status").asText()).isEqualTo("201");
        assertThat(results.get(1).path("status").asText()).isEqualTo("200");

        ScimSearch search = new ScimSearch(resources, types, 200);
        assertThat(search.all(CALL, "{}".getBytes(StandardCharsets.UTF_8)).body().path("totalResults").asLong())
                .isEqualTo(1);
    }

    private static JsonNode written(ResourceResult result) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder text = new StringBuilder();
        var chunks = result.streamed().chunks(mapper);
        for (byte[] chunk = chunks.get(); chunk != null; chunk = chunks.get()) {
            text.append(new String(chunk, StandardCharsets.UTF_8));
        }
        return mapper.readTree(text.toString());
    }
}
