package com.reftab.scim.resources;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.ResourceStore;
import com.reftab.scim.directory.StoredResource;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.PatchOp;

/**
 * A SCIM resource type (RFC 7643 §6): its name and endpoint, its schema, where its resources are
 * kept and found (by id, by the filters its attributes can be found by), how a resource is
 * represented, and what each write changes and which events it appends. {@link Resources} does
 * the rest alike for every type (tenant, versions and conditional requests, transactions, paging,
 * the answer), and discovery, Bulk, {@code .search} and the REST routes work over the registered
 * types ({@link ResourceTypes}). Nothing here answers HTTP.
 *
 * <p>The writes run in two steps: the request is read and checked first, before anything is
 * locked ({@link #creation}, {@link #replacement}, {@link #patch}); what it changes is then
 * applied in the write's transaction, to the resource read and locked, after its version is
 * checked ({@link Creation#insert}, {@link Change#applyTo}).
 *
 * @param <R> a stored resource
 */
public interface ResourceType<R extends StoredResource> {

    /**
     * What names the type and its resources.
     *
     * @param name            as in {@code meta.resourceType} and {@code /ResourceTypes}: {@code User}
     * @param endpoint        the path segment under {@code /scim/v2}: {@code Users}
     * @param extensionName   the name /Schemas gives the schema's extension, when it has one
     * @param uniqueAttribute the attribute no two resources of a tenant share ({@code userName}), named in refusals
     */
    record Definition(String name, String endpoint, String description, ResourceSchema schema, String extensionName,
                      String uniqueAttribute) {
    }

    Definition definition();

    default String name() {
        return definition().name();
    }

    default String endpoint() {
        return definition().endpoint();
    }

    default ResourceSchema schema() {
        return definition().schema();
    }

    /** Where the type's resources are kept, and found by id or by the filters its attributes can be found by. */
    ResourceStore<R> store();

    /**
     * Makes the resources of a chunk of rows (a page's, or one resource) as the request selected them,
     * reading what they share (a user's groups) once for the chunk.
     */
    Function<R, ObjectNode> representation(ScimCall call, List<R> chunk, AttributeSelection selection);

    /**
     * A page of the type's resources as the request selected them, read a chunk at a time as it is
     * written. A type whose rows can carry what the chunk shares reads it with them instead.
     */
    default ListResponse.Streamed<?> page(ScimCall call, ListQuery query, AttributeSelection selection,
                                          FilterLimits filterLimits, int maxResults) {
        ListQuery.Page<R> page = store().list(call.tenantId(), query, filterLimits, maxResults);
        return ListResponse.stream(page, chunk -> representation(call, chunk, selection));
    }

    /** A resource found by its id, and its representation, made only when it is answered. */
    record Found<R>(R resource, Supplier<ObjectNode> representation) {
    }

    /**
     * Finds one resource for a read of it; a type whose representation needs more than the resource's
     * row (a user's groups) may read both in one statement.
     */
    default Optional<Found<R>> read(ScimCall call, String id, AttributeSelection selection) {
        return store().find(call.tenantId(), id).map(resource ->
                new Found<>(resource, () -> representation(call, List.of(resource), selection).apply(resource)));
    }

    Creation<R> creation(ScimCall call, ObjectNode body);

    Change<R> replacement(ScimCall call, ObjectNode body);

    Change<R> patch(ScimCall call, PatchOp patch);

    /** Deletes the locked resource and appends what that means (a user leaves its groups). */
    void delete(R current, Instant now);

    /**
     * Why the type takes no writes over SCIM, or empty when it takes them. A read-only type's
     * create, replace, patch and delete (single or in Bulk) are refused with 405 before anything is
     * looked up or a transaction begins, so a write to an id that does not exist is 405 too.
     */
    default java.util.Optional<String> readOnly() {
        return java.util.Optional.empty();
    }

    /** Whether a PATCH that asks for no attributes is answered 204, not with the resource (RFC 7644 §3.5.2). */
    default boolean patchAnswersWithoutBody() {
        return false;
    }

    /** A new resource, checked; inserted with its events in the write's transaction. */
    interface Creation<R> {
        R insert(String tenantId, String id, Instant now);

        /** The value that must be unique among the tenant's resources of the type (a userName). */
        String uniqueValue();
    }

    /** A checked change; applied to the locked resource, it returns the resource as it is now (the same when nothing changed). */
    interface Change<R> {
        R applyTo(R current, Instant now);
    }
}
