package com.reftab.scim.scim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.StoredUser;
import com.reftab.scim.directory.UserDirectory;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.scim.filter.ScimFilterToSql.SqlCondition;
import com.reftab.scim.scim.patch.PatchApplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SCIM semantics of /Users (RFC 7644 §3): each write changes the directory and appends its event
 * in one transaction. A write that changes nothing (Okta retries, PUT of what GET returned) keeps
 * the version and emits no event.
 */
@Component("scimUsers")
public class ScimUsers {

    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private final UserDirectory directory;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final PatchApplier patches = new PatchApplier(UserSchema.SCHEMA);
    private final int maxResults;

    public ScimUsers(UserDirectory directory, Outbox outbox, TransactionTemplate transaction,
                     @Value("${reftab.scim.max-results:200}") int maxResults) {
        this.directory = directory;
        this.outbox = outbox;
        this.transaction = transaction;
        this.maxResults = maxResults;
    }

    public JsonReply list(ScimCall call, String filter, String startIndex, String count) {
        ListRequest page = ListRequest.of(startIndex, count, maxResults);
        SqlCondition condition = filter == null || filter.isBlank() ? null : UserDirectory.FILTERS.translate(filter);
        long total = directory.count(call.tenantId(), condition);
        List<StoredUser> users = page.count() == 0 || page.offset() >= total
                ? List.of() : directory.page(call.tenantId(), condition, page.offset(), page.count());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(LIST_RESPONSE);
        body.put("totalResults", total);
        body.put("startIndex", page.startIndex());
        body.put("itemsPerPage", users.size());
        ArrayNode resources = body.putArray("Resources");
        users.forEach(user -> resources.add(representation(user, call.baseUrl())));
        return JsonReply.scim(200, body);
    }

    public JsonReply get(ScimCall call, String id) {
        return found(directory.find(call.tenantId(), id), id, call);
    }

    public JsonReply create(ScimCall call, byte[] body) {
        ObjectNode attributes = UserSchema.SCHEMA.canonicalize(ScimJson.readObject(body));
        if (!attributes.has("active")) {
            attributes.put("active", true);
        }
        Instant now = now();
        StoredUser user = new StoredUser(call.tenantId(), UUID.randomUUID().toString(), attributes, 1, now, now);
        try {
            transaction.executeWithoutResult(status -> {
                directory.insert(user);
                outbox.append(event(EventType.USER_CREATED, user, now));
            });
        } catch (DuplicateKeyException e) {
            throw duplicate(user.userName());
        }
        return withLocation(201, user, call);
    }

    public JsonReply replace(ScimCall call, String id, byte[] body) {
        ObjectNode attributes = UserSchema.SCHEMA.canonicalize(ScimJson.readObject(body));
        return change(call, id, current -> {
            if (!attributes.has("active")) {
                attributes.put("active", current.active());
            }
            return attributes;
        });
    }

    public JsonReply patch(ScimCall call, String id, byte[] body) {
        ObjectNode request = ScimJson.readObject(body);
        return change(call, id, current -> UserSchema.SCHEMA.canonicalize(patches.apply(current.attributes(), request)));
    }

    public JsonReply delete(ScimCall call, String id) {
        transaction.executeWithoutResult(status -> {
            StoredUser current = directory.findForUpdate(call.tenantId(), id).orElseThrow(() -> notFound(id));
            directory.delete(call.tenantId(), id);
            Instant now = now();
            outbox.append(event(EventType.USER_DELETED, current.changedTo(current.attributes(), now), now));
        });
        return JsonReply.noContent();
    }

    private interface Change {
        ObjectNode apply(StoredUser current);
    }

    private JsonReply change(ScimCall call, String id, Change change) {
        StoredUser result;
        try {
            result = transaction.execute(status -> {
                StoredUser current = directory.findForUpdate(call.tenantId(), id).orElseThrow(() -> notFound(id));
                ObjectNode attributes = change.apply(current);
                if (!attributes.has("userName")) {
                    throw ScimException.invalidValue("The attribute 'userName' is required.");
                }
                if (attributes.equals(current.attributes())) {
                    return current;
                }
                Instant now = now();
                StoredUser changed = current.changedTo(attributes, now);
                directory.update(changed);
                outbox.append(event(eventType(current, changed), changed, now));
                return changed;
            });
        } catch (DuplicateKeyException e) {
            throw duplicate(null);
        }
        return withLocation(200, result, call);
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
                representation(user, null), now);
    }

    private JsonReply found(Optional<StoredUser> user, String id, ScimCall call) {
        return withLocation(200, user.orElseThrow(() -> notFound(id)), call);
    }

    private static JsonReply withLocation(int status, StoredUser user, ScimCall call) {
        ObjectNode body = representation(user, call.baseUrl());
        JsonReply reply = JsonReply.scim(status, body).withHeader("ETag", etag(user));
        return status == 201 ? reply.withHeader("Location", location(user, call.baseUrl())) : reply;
    }

    /** The SCIM User as clients see it; with no base URL (events) meta.location is left out. */
    static ObjectNode representation(StoredUser user, String baseUrl) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode schemas = node.putArray("schemas").add(UserSchema.CORE);
        if (user.attributes().has(UserSchema.ENTERPRISE)) {
            schemas.add(UserSchema.ENTERPRISE);
        }
        node.put("id", user.id());
        node.setAll(user.attributes());
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
