package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** Users and pushed groups made the way Okta makes them, for the group tests. */
final class GroupCalls {

    record User(String id, String userName) {
    }

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final HttpCalls scim;

    GroupCalls(HttpCalls scim) {
        this.scim = scim;
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    User user() {
        return user("member-" + UUID.randomUUID().toString().substring(0, 13) + "@atko.com");
    }

    User user(String userName) {
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser(userName, "Group", "Member"));
        assertThat(created.status()).as("create user %s", userName).isEqualTo(201);
        return new User(created.body().path("id").asText(), userName);
    }

    List<User> users(int count) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 8));
        try {
            List<CompletableFuture<User>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                created.add(CompletableFuture.supplyAsync(this::user, pool));
            }
            return created.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Users made with one Bulk request, as Okta's first import sends them: user {@code i} is
     * {@code user.apply(i)}. Returns their ids in order.
     */
    List<String> usersInOneBulk(int count, IntFunction<String> user) {
        List<String> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            operations.add("{\"method\":\"POST\",\"bulkId\":\"u" + i + "\",\"path\":\"/Users\",\"data\":" + user.apply(i) + "}");
        }
        HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"Operations\":[" + String.join(",", operations) + "]}");
        assertThat(reply.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode result : reply.body().path("Operations")) {
            assertThat(result.path("status").asText()).isEqualTo("201");
            String location = result.path("location").asText();
            ids.add(location.substring(location.lastIndexOf('/') + 1));
        }
        return ids;
    }

    String group(String displayName) {
        HttpCalls.Reply created = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[]}
                """.formatted(displayName));
        assertThat(created.status()).as("create group %s", displayName).isEqualTo(201);
        return created.body().path("id").asText();
    }

    String groupWith(String displayName, Collection<User> members) {
        String id = group(displayName);
        patch(id, add(members));
        return id;
    }

    HttpCalls.Reply patch(String groupId, String... operations) {
        return scim.patch("/scim/v2/Groups/" + groupId, patchOp(operations));
    }

    Set<String> memberIds(String groupId) {
        HttpCalls.Reply group = scim.get("/scim/v2/Groups/" + groupId);
        assertThat(group.status()).isEqualTo(200);
        return ids(group.body().path("members"));
    }

    String version(String groupId) {
        return scim.get("/scim/v2/Groups/" + groupId).body().path("meta").path("version").asText();
    }

    static Set<String> ids(JsonNode members) {
        Set<String> ids = new LinkedHashSet<>();
        members.forEach(member -> ids.add(member.path("value").asText()));
        return ids;
    }

    static Set<String> ids(Collection<User> users) {
        return users.stream().map(User::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String patchOp(String... operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
    }

    /** Okta's add: {@code path: members} with value and display. */
    static String add(Collection<User> users) {
        return "{\"op\":\"add\",\"path\":\"members\",\"value\":" + members(users) + "}";
    }

    /** Okta's remove of one member by a value filter. */
    static String remove(User user) {
        return "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + user.id() + "\\\"]\"}";
    }

    static String replaceAll(Collection<User> users) {
        return "{\"op\":\"replace\",\"path\":\"members\",\"value\":" + members(users) + "}";
    }

    static String members(Collection<User> users) {
        return users.stream()
                .map(u -> "{\"value\":\"" + u.id() + "\",\"display\":\"" + u.userName() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** A SCIM Error as RFC 7644 §3.12 has it: Error URN, status as a string, a detail, scimType where given. */
    static void assertScimError(HttpCalls.Reply reply, int status, String scimType) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(reply.body().path("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(reply.body().path("detail").asText()).isNotBlank();
        if (scimType != null) {
            assertThat(reply.body().path("scimType").asText()).isEqualTo(scimType);
        }
        assertThat(reply.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static String filterEq(String attribute, String value) {
        return "filter=" + attribute + "%20eq%20%22" + value.replace(" ", "%20") + "%22";
    }
}
