package com.reftab.scim.resources;

import static com.reftab.scim.protocol.Attribute.string;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.ResourceStore;
import com.reftab.scim.directory.StoredResource;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.EntityTags;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ListRequest;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.PatchApplier;
import com.reftab.scim.protocol.patch.PatchOp;
import org.springframework.dao.DuplicateKeyException;

/**
 * A third resource type, kept in memory: a class and its schema, and nothing else. What the
 * service, Bulk, search and discovery do with it is what they do for any registered type.
 */
class Notes implements ResourceType<Notes.Note>, ResourceStore<Notes.Note> {

    static final String SCHEMA_URN = "urn:reftab:params:scim:schemas:test:2.0:Note";
    static final ResourceSchema SCHEMA = new ResourceSchema(SCHEMA_URN,
            List.of(string("title").requiredValue(), string("text")), null, List.of());

    record Note(String tenantId, String id, ObjectNode attributes, long version) implements StoredResource {
    }

    /** Notes by tenant and id, in creation order. */
    final Map<String, Note> stored = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();
    private final PatchApplier patches = new PatchApplier(SCHEMA, FilterLimits.DEFAULTS);

    @Override
    public Definition definition() {
        return new Definition("Note", "Notes", "A note, to show a resource type needs nothing but itself", SCHEMA, null,
                "title");
    }

    @Override
    public ResourceStore<Note> store() {
        return this;
    }

    @Override
    public Optional<Note> find(String tenantId, String id) {
        return Optional.ofNullable(stored.get(tenantId + "/" + id));
    }

    @Override
    public Optional<Note> findForUpdate(String tenantId, String id) {
        return find(tenantId, id);
    }

    /** Index paging over the tenant's notes, no filter or sort. */
    @Override
    public ListQuery.Page<Note> list(String tenantId, ListQuery query, FilterLimits limits, int maxResults) {
        if (query.filter() != null) {
            throw ScimException.invalidFilter("Notes cannot be filtered.");
        }
        List<Note> all = stored.values().stream().filter(note -> note.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(Note::id)).toList();
        ListRequest page = ListRequest.of(query.startIndex(), query.count(), maxResults);
        List<Note> rows = all.stream().skip(page.offset()).limit(page.count()).toList();
        return new ListQuery.Page<>(all.size(), page.startIndex(), new ListQuery.Rows<>() {
            private boolean read;

            @Override
            public List<Note> next() {
                List<Note> chunk = read ? List.of() : rows;
                read = true;
                return chunk;
            }

            @Override
            public String nextCursor() {
                return null;
            }
        });
    }

    @Override
    public Function<Note, ObjectNode> representation(ScimCall call, List<Note> chunk, AttributeSelection selection) {
        return note -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.putArray("schemas").add(SCHEMA_URN);
            node.put("id", note.id());
            node.setAll(note.attributes());
            node.putObject("meta").put("resourceType", name()).put("version", EntityTags.of(note.version()));
            return selection.apply(node);
        };
    }

    @Override
    public Creation<Note> creation(ScimCall call, ObjectNode body) {
        ObjectNode attributes = SCHEMA.canonicalize(body);
        return new Creation<>() {
            @Override
            public Note insert(String tenantId, String id, Instant now) {
                boolean taken = stored.values().stream().anyMatch(note -> note.tenantId().equals(tenantId)
                        && note.attributes().path("title").equals(attributes.path("title")));
                if (taken) {
                    throw new DuplicateKeyException("title");
                }
                return store(new Note(tenantId, id, attributes, 1), "created");
            }

            @Override
            public String uniqueValue() {
                return attributes.path("title").asText();
            }
        };
    }

    @Override
    public Change<Note> replacement(ScimCall call, ObjectNode body) {
        ObjectNode attributes = SCHEMA.canonicalize(body);
        return (current, now) -> changeTo(current, attributes);
    }

    @Override
    public Change<Note> patch(ScimCall call, PatchOp patch) {
        return (current, now) -> changeTo(current, SCHEMA.canonicalize(patches.apply(current.attributes(), patch.operations())));
    }

    private Note changeTo(Note current, ObjectNode attributes) {
        if (attributes.equals(current.attributes())) {
            return current;
        }
        return store(new Note(current.tenantId(), current.id(), attributes, current.version() + 1), "updated");
    }

    private Note store(Note note, String event) {
        stored.put(note.tenantId() + "/" + note.id(), note);
        events.add(event + " " + note.id());
        return note;
    }

    @Override
    public void delete(Note current, Instant now) {
        stored.remove(current.tenantId() + "/" + current.id());
        events.add("deleted " + current.id());
    }
}
