package com.reftab.scim.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.ResourceTable.Positioned;
import com.reftab.scim.directory.ScimFilterToSql.SqlCondition;
import com.reftab.scim.directory.ScimFilterToSql.SqlOrder;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.filter.FilterLimits;
import org.junit.jupiter.api.Test;

/** A list page is read from its table a chunk at a time while it is written, and reads as any ListResponse. */
class ListResponseTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A table of ids 1..size in creation order, counting the rows it hands out. */
    private static final class Table implements TablePages.Table<Integer> {

        private final int size;
        int rowsRead;
        int counted;

        Table(int size) {
            this.size = size;
        }

        @Override
        public long count(SqlCondition condition) {
            counted++;
            return size;
        }

        @Override
        public List<Integer> page(SqlCondition condition, SqlOrder order, long offset, int limit) {
            List<Integer> rows = IntStream.rangeClosed(1, size).boxed().skip(offset).limit(limit).toList();
            rowsRead += rows.size();
            return rows;
        }

        @Override
        public List<Positioned<Integer>> pageAfter(SqlCondition condition, long afterSeq, int limit) {
            List<Positioned<Integer>> rows = IntStream.rangeClosed(1, size).filter(id -> id > afterSeq).limit(limit)
                    .mapToObj(id -> new Positioned<>(id, id)).toList();
            rowsRead += rows.size();
            return rows;
        }
    }

    private static ListResponse.Streamed<Integer> page(Table table, String startIndex, String count, String cursor) {
        ListQuery.Page<Integer> page = TablePages.run(new ListQuery(null, startIndex, count, null, null, cursor),
                UserDirectory.FILTERS, FilterLimits.DEFAULTS, table, 200);
        return ListResponse.stream(page, chunk -> id -> JsonNodeFactory.instance.objectNode().put("id", Integer.toString(id)));
    }

    private static JsonNode written(ListResponse.Streamed<Integer> page) throws IOException {
        Supplier<byte[]> chunks = page.chunks(MAPPER);
        StringBuilder text = new StringBuilder();
        for (byte[] chunk = chunks.get(); chunk != null; chunk = chunks.get()) {
            text.append(new String(chunk, java.nio.charset.StandardCharsets.UTF_8));
        }
        return MAPPER.readTree(text.toString());
    }

    @Test
    void anIndexPageReadsAsAnOrdinaryListResponse() throws IOException {
        JsonNode written = written(page(new Table(45), "21", "3", null));

        assertThat(written).isEqualTo(MAPPER.readTree("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":45,"startIndex":21,
                 "itemsPerPage":3,"Resources":[{"id":"21"},{"id":"22"},{"id":"23"}]}"""));
    }

    @Test
    void aPageLongerThanAChunkHasEveryResourceOnceInOrder() throws IOException {
        JsonNode written = written(page(new Table(250), "1", "200", null));

        List<String> ids = new ArrayList<>();
        written.path("Resources").forEach(resource -> ids.add(resource.path("id").asText()));
        assertThat(ids).hasSize(200).containsExactlyElementsOf(IntStream.rangeClosed(1, 200).mapToObj(Integer::toString).toList());
        assertThat(written.path("itemsPerPage").asInt()).isEqualTo(200);
    }

    @Test
    void rowsAreReadAChunkAtATimeAsThePageIsWritten() {
        Table table = new Table(250);
        Supplier<byte[]> chunks = page(table, "1", "200", null).chunks(MAPPER);
        assertThat(table.rowsRead).as("only the first chunk before writing starts").isEqualTo(ListQuery.CHUNK);

        // The envelope's opening, the first chunk's resources, then the first resource of the second.
        for (int written = 0; written < ListQuery.CHUNK + 2; written++) {
            chunks.get();
        }

        assertThat(table.rowsRead).isEqualTo(2 * ListQuery.CHUNK);
    }

    @Test
    void aCursorPageEndsWithTheCursorOfTheNextWhenMoreFollow() throws IOException {
        JsonNode first = written(page(new Table(30), null, "25", ""));
        assertThat(first.has("startIndex")).isFalse();
        assertThat(first.path("itemsPerPage").asInt()).isEqualTo(25);

        JsonNode last = written(page(new Table(30), null, "25", first.path("nextCursor").asText()));

        assertThat(last.path("itemsPerPage").asInt()).isEqualTo(5);
        assertThat(last.path("Resources").get(0).path("id").asText()).isEqualTo("26");
        assertThat(last.has("nextCursor")).isFalse();
    }

    @Test
    void aPageReadWholeForTheRootSearchHasEveryResource() {
        assertThat(page(new Table(45), "44", "10", null).resources())
                .extracting(resource -> resource.path("id").asText()).containsExactly("44", "45");
    }

    @Test
    void aListOfFewResourcesIsMadeWhole() {
        ObjectNode list = ListResponse.of(1, 1, List.of(JsonNodeFactory.instance.objectNode().put("id", "a")));

        assertThat(list.path("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(list.path("Resources").get(0).path("id").asText()).isEqualTo("a");
    }

    @Test
    void aFirstPageShorterThanAskedGivesItsTotalWithoutCounting() throws IOException {
        Table lookup = new Table(1);

        JsonNode written = written(page(lookup, null, null, null));

        assertThat(written.path("totalResults").asInt()).isEqualTo(1);
        assertThat(lookup.counted).isZero();
    }

    @Test
    void anEmptyFirstPageGivesATotalOfNoneWithoutCounting() throws IOException {
        Table none = new Table(0);

        assertThat(written(page(none, "1", "10", null)).path("totalResults").asInt()).isZero();
        assertThat(none.counted).isZero();
    }

    @Test
    void aLaterPageThatEndsTheResultGivesItsTotalWithoutCounting() throws IOException {
        Table table = new Table(45);

        assertThat(written(page(table, "41", "10", null)).path("totalResults").asInt()).isEqualTo(45);
        assertThat(table.counted).isZero();
    }

    @Test
    void aFullPageOrOnePastTheEndIsCounted() throws IOException {
        Table table = new Table(45);

        assertThat(written(page(table, "1", "10", null)).path("totalResults").asInt()).isEqualTo(45);
        assertThat(written(page(table, "100", "10", null)).path("totalResults").asInt()).isEqualTo(45);
        assertThat(table.counted).isEqualTo(2);
    }
}
