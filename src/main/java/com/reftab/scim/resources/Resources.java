package com.reftab.scim.resources;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.database.GroupCommit;
import com.reftab.scim.directory.StoredResource;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.EntityTags;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.PatchOp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The SCIM operations on resources (RFC 7644 §3), alike for every {@link ResourceType}: each is
 * scoped to the caller's tenant; a write changes the store and appends its events in one
 * transaction, and a write that changes nothing (Okta retries, a PUT of what GET returned) keeps
 * the version and emits no event. If-Match is checked on the locked row, so no other write can
 * slip in between the check and this one; a failed check throws before anything is written.
 */
@Component("scimResources")
public class Resources {

    /** The transactions of a tenant's writes. */
    private final Function<String, TransactionOperations> transactions;
    private final FilterLimits filterLimits;
    private final int maxResults;

    @Autowired
    public Resources(GroupCommit groupCommit, ScimLimits limits) {
        this(groupCommit::forTenant, limits.filterLimits(), limits.maxResults());
    }

    public Resources(TransactionOperations transaction, FilterLimits filterLimits, int maxResults) {
        this((Function<String, TransactionOperations>) tenantId -> transaction, filterLimits, maxResults);
    }

    private Resources(Function<String, TransactionOperations> transactions, FilterLimits filterLimits, int maxResults) {
        this.transactions = transactions;
        this.filterLimits = filterLimits;
        this.maxResults = maxResults;
    }

    public ResourceResult list(ScimCall call, ResourceType<?> type, ListQuery query, AttributeSelection selection) {
        return ResourceResult.streamed(page(call, type, query, selection));
    }

    /** A page of resources, read a chunk at a time as it is written. */
    public ListResponse.Streamed<?> page(ScimCall call, ResourceType<?> type, ListQuery query, AttributeSelection selection) {
        return type.page(call, query, selection, filterLimits, maxResults);
    }

    public <R extends StoredResource> ResourceResult get(ScimCall call, ResourceType<R> type, String id,
                                                          AttributeSelection selection, String ifNoneMatch) {
        ResourceType.Found<R> found = type.read(call, id, selection).orElseThrow(() -> notFound(type, id));
        String etag = EntityTags.of(found.resource().version());
        if (EntityTags.notModified(ifNoneMatch, etag)) {
            return ResourceResult.notModified(etag);
        }
        return ResourceResult.resource(200, found.representation().get(), etag);
    }

    public <R extends StoredResource> ResourceResult create(ScimCall call, ResourceType<R> type, ObjectNode body,
                                                             AttributeSelection selection) {
        requireWritable(type);
        ResourceType.Creation<R> creation = type.creation(call, body);
        String id = UUID.randomUUID().toString();
        Instant now = now();
        R created;
        try {
            created = transactions.apply(call.tenantId()).execute(status -> creation.insert(call.tenantId(), id, now));
        } catch (DuplicateKeyException e) {
            throw duplicate(type, creation.uniqueValue());
        }
        return ResourceResult.created(represent(call, type, created, selection), EntityTags.of(created.version()),
                location(call, type, id));
    }

    public <R extends StoredResource> ResourceResult replace(ScimCall call, ResourceType<R> type, String id,
                                                              ObjectNode body, AttributeSelection selection, String ifMatch) {
        requireWritable(type);
        R replaced = change(call, type, id, ifMatch, type.replacement(call, body));
        return ResourceResult.resource(200, represent(call, type, replaced, selection), EntityTags.of(replaced.version()));
    }

    /** Answered without the resource when the type says so and the request selects no attributes. */
    public <R extends StoredResource> ResourceResult patch(ScimCall call, ResourceType<R> type, String id, PatchOp patch,
                                                            AttributeSelection selection, String ifMatch) {
        requireWritable(type);
        R patched = change(call, type, id, ifMatch, type.patch(call, patch));
        String etag = EntityTags.of(patched.version());
        if (type.patchAnswersWithoutBody() && selection.isAll()) {
            return ResourceResult.noContent(etag);
        }
        return ResourceResult.resource(200, represent(call, type, patched, selection), etag);
    }

    public <R extends StoredResource> ResourceResult delete(ScimCall call, ResourceType<R> type, String id, String ifMatch) {
        requireWritable(type);
        transactions.apply(call.tenantId()).executeWithoutResult(status -> {
            R current = type.store().findForUpdate(call.tenantId(), id).orElseThrow(() -> notFound(type, id));
            EntityTags.requireMatch(ifMatch, EntityTags.of(current.version()));
            type.delete(current, now());
        });
        return ResourceResult.noContent(null);
    }

    private <R extends StoredResource> R change(ScimCall call, ResourceType<R> type, String id, String ifMatch,
                                                ResourceType.Change<R> change) {
        try {
            return transactions.apply(call.tenantId()).execute(status -> {
                R current = type.store().findForUpdate(call.tenantId(), id).orElseThrow(() -> notFound(type, id));
                EntityTags.requireMatch(ifMatch, EntityTags.of(current.version()));
                return change.applyTo(current, now());
            });
        } catch (DuplicateKeyException e) {
            throw duplicate(type, null);
        }
    }

    private static <R extends StoredResource> ObjectNode represent(ScimCall call, ResourceType<R> type, R resource,
                                                                   AttributeSelection selection) {
        return type.representation(call, List.of(resource), selection).apply(resource);
    }

    /** A read-only type refuses the method itself, before any lookup (RFC 9110 §15.5.6). */
    private static void requireWritable(ResourceType<?> type) {
        type.readOnly().ifPresent(reason -> {
            throw ScimException.methodNotAllowed(reason);
        });
    }

    private static ScimException notFound(ResourceType<?> type, String id) {
        return ScimException.notFound("No " + noun(type) + " with id '" + id + "'.");
    }

    /** @param value the value another resource already has, when known */
    private static ScimException duplicate(ResourceType<?> type, String value) {
        String attribute = type.definition().uniqueAttribute();
        return ScimException.uniqueness(value == null
                ? "Another " + noun(type) + " already has this " + attribute + "."
                : "A " + noun(type) + " with " + attribute + " '" + value + "' already exists.");
    }

    private static String noun(ResourceType<?> type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static String location(ScimCall call, ResourceType<?> type, String id) {
        return call.baseUrl() + "/scim/v2/" + type.endpoint() + "/" + id;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
