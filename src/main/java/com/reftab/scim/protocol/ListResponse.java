package com.reftab.scim.protocol;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A SCIM ListResponse (RFC 7644 §3.4.2): integer counts, 1-based startIndex, the page's resources. */
public final class ListResponse {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ListResponse() {
    }

    public static ObjectNode of(long totalResults, long startIndex, List<ObjectNode> resources) {
        ObjectNode body = envelope(totalResults, startIndex);
        body.put("itemsPerPage", resources.size());
        body.putArray("Resources").addAll(resources);
        return body;
    }

    private static ObjectNode envelope(long totalResults, Long startIndex) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(SCHEMA);
        body.put("totalResults", totalResults);
        if (startIndex != null) {
            body.put("startIndex", startIndex);
        }
        return body;
    }

    /**
     * A page written as its resources are read, a chunk of rows at a time: it holds one chunk's rows
     * and one resource's tree, whatever the page's size. {@code itemsPerPage} (and a cursor page's
     * {@code nextCursor}) follow the resources, once they are known; JSON members have no order.
     *
     * @param render given a chunk of rows (to read what they share, such as a user's groups, once
     *               for the chunk), makes each row's resource
     */
    public static <T> Streamed<T> stream(ListQuery.Page<T> page, Function<List<T>, Function<T, ObjectNode>> render) {
        return new Streamed<>(page, render);
    }

    /** A page to be written, or read whole by a caller that combines pages (the root search). */
    public static final class Streamed<T> implements StreamedJson {

        private final ListQuery.Page<T> page;
        private final Function<List<T>, Function<T, ObjectNode>> render;
        private Chunk<T> first;

        private Streamed(ListQuery.Page<T> page, Function<List<T>, Function<T, ObjectNode>> render) {
            this.page = page;
            this.render = render;
            // The first chunk with what it shares (its users' groups) is read now, while the request
            // can still be answered with an error; the rest is read as the answer is written.
            this.first = read();
        }

        /** Rows of a page and how to make each one's resource. */
        private record Chunk<T>(List<T> rows, Function<T, ObjectNode> resource) {
        }

        private Chunk<T> read() {
            List<T> rows = page.rows().next();
            return new Chunk<>(rows, rows.isEmpty() ? null : render.apply(rows));
        }

        private Chunk<T> next() {
            if (first != null) {
                Chunk<T> chunk = first;
                first = null;
                return chunk;
            }
            return read();
        }

        public long totalResults() {
            return page.total();
        }

        /** Every resource of the page at once: only for pages a caller must hold anyway. */
        public List<ObjectNode> resources() {
            List<ObjectNode> all = new ArrayList<>();
            for (Chunk<T> chunk = next(); !chunk.rows().isEmpty(); chunk = next()) {
                chunk.rows().stream().map(chunk.resource()).forEach(all::add);
            }
            return all;
        }

        @Override
        public Supplier<byte[]> chunks(ObjectMapper mapper) {
            return new Writing(mapper);
        }

        /** The envelope's opening, each resource, then the closing with what is known only at the end. */
        private final class Writing implements Supplier<byte[]> {

            private final ObjectMapper mapper;
            private final Deque<T> chunk = new ArrayDeque<>();
            private Function<T, ObjectNode> resource;
            private int written;
            private boolean opened;
            private boolean closed;

            Writing(ObjectMapper mapper) {
                this.mapper = mapper;
            }

            @Override
            public byte[] get() {
                if (!opened) {
                    opened = true;
                    String envelope = json(envelope(page.total(), page.startIndex()));
                    return utf8(envelope.substring(0, envelope.length() - 1) + ",\"Resources\":[");
                }
                if (closed) {
                    return null;
                }
                if (chunk.isEmpty()) {
                    Chunk<T> rows = next();
                    chunk.addAll(rows.rows());
                    resource = rows.resource();
                }
                if (chunk.isEmpty()) {
                    closed = true;
                    String nextCursor = page.rows().nextCursor();
                    return utf8("],\"itemsPerPage\":" + written
                            + (nextCursor == null ? "" : ",\"nextCursor\":" + json(nextCursor)) + "}");
                }
                String separator = written++ == 0 ? "" : ",";
                return utf8(separator + json(resource.apply(chunk.removeFirst())));
            }

            private String json(Object value) {
                try {
                    return mapper.writeValueAsString(value);
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
