package com.reftab.scim.resources;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.StoredUser;
import com.reftab.scim.directory.UserDirectory;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import com.reftab.scim.protocol.patch.PatchApplier;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import com.reftab.scim.protocol.UserSchema;
import com.reftab.scim.protocol.ScimJson;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.EntityTags;
import com.reftab.scim.protocol.AttributeSelection;

/**
 * SCIM semantics of /Users (RFC 7644 §3): each write changes the directory and appends its event
 * in one transaction. A write that changes nothing (Okta retries, PUT of what GET returned) keeps
 * the version and emits no event.
 */
@Component("scimUsers")
public class ScimUsers {

    private final UserDirectory directory;
    private final GroupDirectory groups;
    private final ScimGroups scimGroups;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final ResourceBounds bounds;
    private final FilterLimits filterLimits;
    private final PatchApplier patches;
    private final int maxResults;

    public ScimUsers(UserDirectory directory, GroupDirectory groups, ScimGroups scimGroups, Outbox outbox,
                     TransactionTemplate transaction, ResourceBounds bounds, FilterLimits filterLimits,
                     @Value("${reftab.scim.max-results:200}") int maxResults) {
        this.directory = directory;
        this.groups = groups;
        this.scimGroups = scimGroups;
        this.outbox = outbox;
        this.transaction = transaction;
        this.bounds = bounds;
        this.filterLimits = filterLimits;
        this.patches = new PatchApplier(UserSchema.SCHEMA, filterLimits);
        this.maxResults = maxResults;
    }

    public JsonReply list(ScimCall call, String filter, String startIndex, String count, String attributes,
                          String excludedAttributes, String sortBy, String sortOrder, String cursor) {
        return JsonReply.scimStreamed(200, page(call, filter, startIndex, count, attributes, excludedAttributes,
                sortBy, sortOrder, cursor));
    }

    /** A page of users, read a chunk at a time as it is written: each chunk's groups in one read. */
    ListResponse.Streamed<StoredUser> page(ScimCall call, String filter, String startIndex, String count, String attributes,
                                           String excludedAttributes, String sortBy, String sortOrder, String cursor) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes);
        ListQuery.Page<StoredUser> page = directory.list(call.tenantId(),
                new ListQuery(filter, startIndex, count, sortBy, sortOrder, cursor), filterLimits, maxResults);
        return ListResponse.stream(page, chunk -> {
            Map<String, List<Member>> groupsOfUsers = selection.includes("groups")
                    ? groups.groupsOf(call.tenantId(), chunk.stream().map(StoredUser::id).toList()) : Map.of();
            return user -> selection.apply(representation(user, groupsOfUsers.getOrDefault(user.id(), List.of()), call.baseUrl()));
        });
    }

    public JsonReply get(ScimCall call, String id, String attributes, String excludedAttributes,
                         @Header("If-None-Match") String ifNoneMatch) {
        StoredUser user = directory.find(call.tenantId(), id).orElseThrow(() -> notFound(id));
        if (EntityTags.notModified(ifNoneMatch, etag(user))) {
            return JsonReply.notModified(etag(user));
        }
        return reply(200, user, call, AttributeSelection.of(attributes, excludedAttributes));
    }

    public JsonReply create(ScimCall call, byte[] body, String attributes, String excludedAttributes) {
        ObjectNode created = UserSchema.SCHEMA.canonicalize(ScimJson.readObject(body));
        if (!created.has("active")) {
            created.put("active", true);
        }
        bounds.requireNew(UserSchema.SCHEMA, "user", created);
        Instant now = now();
        StoredUser user = new StoredUser(call.tenantId(), UUID.randomUUID().toString(), created, 1, now, now);
        try {
            transaction.executeWithoutResult(status -> {
                directory.insert(user);
                outbox.append(event(EventType.USER_CREATED, user, now));
            });
        } catch (DuplicateKeyException e) {
            throw duplicate(user.userName());
        }
        return reply(201, user, call, AttributeSelection.of(attributes, excludedAttributes))
                .withHeader("Location", location(user, call.baseUrl()));
    }

    public JsonReply replace(ScimCall call, String id, byte[] body, String attributes, String excludedAttributes,
                             @Header("If-Match") String ifMatch) {
        ObjectNode replacement = UserSchema.SCHEMA.canonicalize(ScimJson.readObject(body));
        StoredUser user = change(call, id, ifMatch, current -> {
            if (!replacement.has("active")) {
                replacement.put("active", current.active());
            }
            return replacement;
        });
        return reply(200, user, call, AttributeSelection.of(attributes, excludedAttributes));
    }

    public JsonReply patch(ScimCall call, String id, byte[] body, String attributes, String excludedAttributes,
                           @Header("If-Match") String ifMatch) {
        ObjectNode request = ScimJson.readObject(body);
        StoredUser user = change(call, id, ifMatch,
                current -> UserSchema.SCHEMA.canonicalize(patches.apply(current.attributes(), request)));
        return reply(200, user, call, AttributeSelection.of(attributes, excludedAttributes));
    }

    public JsonReply delete(ScimCall call, String id, @Header("If-Match") String ifMatch) {
        transaction.executeWithoutResult(status -> {
            StoredUser current = directory.findForUpdate(call.tenantId(), id).orElseThrow(() -> notFound(id));
            EntityTags.requireMatch(ifMatch, etag(current));
            Instant now = now();
            scimGroups.removeFromAllGroups(call.tenantId(), id, now);
            directory.delete(call.tenantId(), id);
            outbox.append(event(EventType.USER_DELETED, current.changedTo(current.attributes(), now), now));
        });
        return JsonReply.noContent();
    }

    private interface Change {
        ObjectNode apply(StoredUser current);
    }

    /**
     * If-Match is checked on the locked row, so no other write can slip in between the check and
     * this one; a failed check throws before anything is written.
     */
    private StoredUser change(ScimCall call, String id, String ifMatch, Change change) {
        try {
            return transaction.execute(status -> {
                StoredUser current = directory.findForUpdate(call.tenantId(), id).orElseThrow(() -> notFound(id));
                EntityTags.requireMatch(ifMatch, etag(current));
                ObjectNode attributes = change.apply(current);
                if (!attributes.has("userName")) {
                    throw ScimException.invalidValue("The attribute 'userName' is required.");
                }
                if (attributes.equals(current.attributes())) {
                    return current;
                }
                bounds.require(UserSchema.SCHEMA, "user", current.attributes(), attributes);
                Instant now = now();
                StoredUser changed = current.changedTo(attributes, now);
                directory.update(changed);
                outbox.append(event(eventType(current, changed), changed, now));
                return changed;
            });
        } catch (DuplicateKeyException e) {
            throw duplicate(null);
        }
    }

    private static EventType eventType(StoredUser before, StoredUser after) {
        if (before.active() && !after.active()) {
            return EventType.USER_DEACTIVATED;
        }
        if (!before.active() && after.active()) {
            return EventType.USER_REACTIVATED;
        }
        return EventType.USER_UPDATED;
    }

    private static ProvisioningEvent event(EventType type, StoredUser user, Instant now) {
        return ProvisioningEvent.of(user.tenantId(), type, "User", user.id(), user.version(),
                representation(user, null, null), now);
    }

    private JsonReply reply(int status, StoredUser user, ScimCall call, AttributeSelection selection) {
        List<Member> userGroups = selection.includes("groups")
                ? groups.groupsOf(call.tenantId(), List.of(user.id())).getOrDefault(user.id(), List.of()) : List.of();
        return JsonReply.scim(status, selection.apply(representation(user, userGroups, call.baseUrl())))
                .withHeader("ETag", etag(user));
    }

    /**
     * The SCIM User as clients see it. Events carry it without {@code groups} (membership has events
     * of its own) and without {@code meta.location}.
     */
    static ObjectNode representation(StoredUser user, List<Member> userGroups, String baseUrl) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode schemas = node.putArray("schemas").add(UserSchema.CORE);
        if (user.attributes().has(UserSchema.ENTERPRISE)) {
            schemas.add(UserSchema.ENTERPRISE);
        }
        node.put("id", user.id());
        node.setAll(user.attributes());
        if (userGroups != null) {
            ArrayNode array = node.putArray("groups");
            for (Member group : userGroups) {
                array.addObject().put("value", group.value()).put("display", group.display())
                        .put("$ref", baseUrl + "/scim/v2/Groups/" + group.value()).put("type", "direct");
            }
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.created().toString());
        meta.put("lastModified", user.lastModified().toString());
        if (baseUrl != null) {
            meta.put("location", location(user, baseUrl));
        }
        meta.put("version", etag(user));
        return node;
    }

    private static String location(StoredUser user, String baseUrl) {
        return baseUrl + "/scim/v2/Users/" + user.id();
    }

    private static String etag(StoredUser user) {
        return "W/\"" + user.version() + "\"";
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ScimException notFound(String id) {
        return ScimException.notFound("No user with id '" + id + "'.");
    }

    private static ScimException duplicate(String userName) {
        return ScimException.uniqueness(userName == null
                ? "Another user already has this userName."
                : "A user with userName '" + userName + "' already exists.");
    }
}
