package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ETags (RFC 7644 §3.14): If-Match guards PUT, PATCH and DELETE against lost updates, If-None-Match
 * lets a GET answer 304. A failed precondition is a 412 SCIM Error and changes nothing.
 */
@ScimIntegrationTest
class ConditionalRequestTest {

    private static final String GROUP_PATCH_ADD = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpCalls scim;

    @BeforeEach
    void client() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
    }

    private HttpCalls.Reply createUser() {
        HttpCalls.Reply created = scim.post("/scim/v2/Users",
                oktaUser("etag-" + UUID.randomUUID() + "@atko.com", "Etag", "User"));
        assertThat(created.status()).isEqualTo(201);
        return created;
    }

    private HttpCalls.Reply createGroup() {
        HttpCalls.Reply created = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Etag %s","members":[]}
                """.formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        return created;
    }

    private long eventsAbout(String id) {
        return jdbc.queryForObject("select count(*) from outbox_event where payload like ?", Long.class, "%" + id + "%");
    }

    private static void assertPreconditionFailed(HttpCalls.Reply reply) {
        assertThat(reply.status()).isEqualTo(412);
        assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
        assertThat(reply.body().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(reply.body().path("status").asText()).isEqualTo("412");
        assertThat(reply.body().has("scimType")).isFalse();
        assertThat(reply.body().path("detail").asText()).isNotBlank();
        assertThat(reply.raw().headers().map()).doesNotContainKeys("if-match", "authorization");
    }

    @Test
    void theServiceProviderConfigAdvertisesETags() {
        assertThat(scim.get("/scim/v2/ServiceProviderConfig").body().path("etag").path("supported").asBoolean()).isTrue();
    }

    @Test
    void getWithTheCurrentTagInIfNoneMatchIsNotModifiedWithoutABody() {
        HttpCalls.Reply created = createUser();
        String path = "/scim/v2/Users/" + created.body().path("id").asText();
        String etag = created.header("ETag");

        HttpCalls.Reply reply = scim.withHeader("If-None-Match", etag).get(path);

        assertThat(reply.status()).isEqualTo(304);
        assertThat(reply.raw().body()).isEmpty();
        assertThat(reply.header("ETag")).isEqualTo(etag);
        assertThat(reply.raw().headers().map()).doesNotContainKeys("if-none-match", "authorization", "id");
    }

    @Test
    void getWithMetaVersionInIfNoneMatchIsNotModified() {
        HttpCalls.Reply created = createUser();
        String version = created.body().path("meta").path("version").asText();

        HttpCalls.Reply reply = scim.withHeader("If-None-Match", version)
                .get("/scim/v2/Users/" + created.body().path("id").asText());

        assertThat(reply.status()).isEqualTo(304);
    }

    @Test
    void getWithAnOlderTagInIfNoneMatchAnswersTheCurrentUser() {
        HttpCalls.Reply created = createUser();
        String path = "/scim/v2/Users/" + created.body().path("id").asText();
        String oldTag = created.header("ETag");
        String newTag = scim.patch(path, activePatch(false)).header("ETag");

        HttpCalls.Reply reply = scim.withHeader("If-None-Match", oldTag).get(path);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ETag")).isEqualTo(newTag).isNotEqualTo(oldTag);
        assertThat(reply.body().path("active").asBoolean()).isFalse();
    }

    @Test
    void getWithAnAsteriskInIfNoneMatchIsNotModified() {
        HttpCalls.Reply created = createUser();

        HttpCalls.Reply reply = scim.withHeader("If-None-Match", "*")
                .get("/scim/v2/Users/" + created.body().path("id").asText());

        assertThat(reply.status()).isEqualTo(304);
    }

    @Test
    void getOfAnUnknownUserWithIfNoneMatchIsStillNotFound() {
        assertThat(scim.withHeader("If-None-Match", "*").get("/scim/v2/Users/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    @Test
    void putWithTheCurrentTagReplacesTheUserAndMovesTheTag() {
        HttpCalls.Reply created = createUser();
        String id = created.body().path("id").asText();
        String userName = created.body().path("userName").asText();

        HttpCalls.Reply reply = scim.withHeader("If-Match", created.header("ETag"))
                .put("/scim/v2/Users/" + id, oktaUser(userName, "Renamed", "User"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("name").path("givenName").asText()).isEqualTo("Renamed");
        assertThat(reply.header("ETag")).isNotEqualTo(created.header("ETag"));
    }

    @Test
    void putWithAStaleTagIsPreconditionFailedAndChangesNothing() {
        HttpCalls.Reply created = createUser();
        String path = "/scim/v2/Users/" + created.body().path("id").asText();
        String staleTag = created.header("ETag");
        JsonNode current = scim.patch(path, activePatch(false)).body();
        long events = eventsAbout(created.body().path("id").asText());

        HttpCalls.Reply reply = scim.withHeader("If-Match", staleTag)
                .put(path, oktaUser(created.body().path("userName").asText(), "Lost", "Update"));

        assertPreconditionFailed(reply);
        assertThat(scim.get(path).body()).isEqualTo(current);
        assertThat(eventsAbout(created.body().path("id").asText())).isEqualTo(events);
    }

    @Test
    void patchWithAStaleTagIsPreconditionFailedAndChangesNothing() {
        HttpCalls.Reply created = createUser();
        String path = "/scim/v2/Users/" + created.body().path("id").asText();
        String staleTag = created.header("ETag");
        JsonNode current = scim.patch(path, activePatch(false)).body();
        long events = eventsAbout(created.body().path("id").asText());

        HttpCalls.Reply reply = scim.withHeader("If-Match", staleTag).patch(path, activePatch(true));

        assertPreconditionFailed(reply);
        assertThat(scim.get(path).body()).isEqualTo(current);
        assertThat(eventsAbout(created.body().path("id").asText())).isEqualTo(events);
    }

    @Test
    void patchWithAListOfTagsSucceedsWhenOneOfThemIsCurrent() {
        HttpCalls.Reply created = createUser();

        HttpCalls.Reply reply = scim.withHeader("If-Match", "W/\"999\", " + created.header("ETag"))
                .patch("/scim/v2/Users/" + created.body().path("id").asText(), activePatch(false));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("active").asBoolean()).isFalse();
    }

    @Test
    void patchWithTheTagsOnSeparateHeaderLinesSucceedsWhenOneOfThemIsCurrent() {
        HttpCalls.Reply created = createUser();

        HttpCalls.Reply reply = scim.withHeader("If-Match", "W/\"999\"").withHeader("If-Match", created.header("ETag"))
                .patch("/scim/v2/Users/" + created.body().path("id").asText(), activePatch(false));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void patchWithTheStrongFormOfTheCurrentTagSucceedsBecauseComparisonIsWeak() {
        HttpCalls.Reply created = createUser();
        String strong = created.header("ETag").substring(2);

        HttpCalls.Reply reply = scim.withHeader("If-Match", strong)
                .patch("/scim/v2/Users/" + created.body().path("id").asText(), activePatch(false));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void aListOfStrongTagsReachesTheServiceWithItsQuotes() {
        HttpCalls.Reply created = createUser();
        String strong = created.header("ETag").substring(2);

        HttpCalls.Reply reply = scim.withHeader("If-Match", "\"999\", " + strong)
                .patch("/scim/v2/Users/" + created.body().path("id").asText(), activePatch(false));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void aMalformedIfMatchIsBadRequestAndChangesNothing() {
        HttpCalls.Reply created = createUser();
        String path = "/scim/v2/Users/" + created.body().path("id").asText();

        HttpCalls.Reply reply = scim.withHeader("If-Match", "1").patch(path, activePatch(false));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("status").asText()).isEqualTo("400");
        assertThat(reply.body().path("detail").asText()).contains("If-Match");
        assertThat(scim.get(path).body().path("active").asBoolean()).isTrue();
    }

    @Test
    void deleteWithAStaleTagIsPreconditionFailedAndTheUserStays() {
        HttpCalls.Reply created = createUser();
        String path = "/scim/v2/Users/" + created.body().path("id").asText();
        scim.patch(path, activePatch(false));

        HttpCalls.Reply reply = scim.withHeader("If-Match", created.header("ETag")).delete(path);

        assertPreconditionFailed(reply);
        assertThat(scim.get(path).status()).isEqualTo(200);
    }

    @Test
    void deleteWithAnAsteriskDeletesAnyVersion() {
        HttpCalls.Reply created = createUser();
        String path = "/scim/v2/Users/" + created.body().path("id").asText();
        scim.patch(path, activePatch(false));

        assertThat(scim.withHeader("If-Match", "*").delete(path).status()).isEqualTo(204);
        assertThat(scim.get(path).status()).isEqualTo(404);
    }

    @Test
    void aWriteToAnUnknownUserWithIfMatchIsNotFoundNotPreconditionFailed() {
        assertThat(scim.withHeader("If-Match", "*").delete("/scim/v2/Users/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    @Test
    void ofRacingPatchesCarryingTheSameTagExactlyOneWins() throws Exception {
        HttpCalls.Reply created = createUser();
        String path = "/scim/v2/Users/" + created.body().path("id").asText();
        HttpCalls guarded = scim.withHeader("If-Match", created.header("ETag"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String patch = """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"replace","path":"nickName","value":"racer-%d"}]}
                    """.formatted(i);
            statuses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return guarded.patch(path, patch).status();
            }, pool));
        }

        start.countDown();
        List<Integer> results = statuses.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(results).filteredOn(s -> s == 200).hasSize(1);
        assertThat(results).filteredOn(s -> s == 412).hasSize(7);
    }

    @Test
    void getOfAGroupWithTheCurrentTagInIfNoneMatchIsNotModified() {
        HttpCalls.Reply created = createGroup();

        HttpCalls.Reply reply = scim.withHeader("If-None-Match", created.header("ETag"))
                .get("/scim/v2/Groups/" + created.body().path("id").asText());

        assertThat(reply.status()).isEqualTo(304);
        assertThat(reply.raw().body()).isEmpty();
        assertThat(reply.header("ETag")).isEqualTo(created.header("ETag"));
    }

    @Test
    void groupPatchWithTheCurrentTagAddsTheMemberAndAnswersTheNewTag() {
        HttpCalls.Reply group = createGroup();
        String userId = createUser().body().path("id").asText();

        HttpCalls.Reply reply = scim.withHeader("If-Match", group.header("ETag"))
                .patch("/scim/v2/Groups/" + group.body().path("id").asText(), GROUP_PATCH_ADD.formatted(userId));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("ETag")).isNotEqualTo(group.header("ETag"));
    }

    @Test
    void groupPatchWithAStaleTagIsPreconditionFailedAndAddsNoMember() {
        HttpCalls.Reply group = createGroup();
        String path = "/scim/v2/Groups/" + group.body().path("id").asText();
        scim.patch(path, GROUP_PATCH_ADD.formatted(createUser().body().path("id").asText()));
        JsonNode current = scim.get(path).body();

        HttpCalls.Reply reply = scim.withHeader("If-Match", group.header("ETag"))
                .patch(path, GROUP_PATCH_ADD.formatted(createUser().body().path("id").asText()));

        assertPreconditionFailed(reply);
        assertThat(scim.get(path).body()).isEqualTo(current);
    }

    @Test
    void groupPutWithAStaleTagIsPreconditionFailedAndChangesNothing() {
        HttpCalls.Reply group = createGroup();
        String path = "/scim/v2/Groups/" + group.body().path("id").asText();
        scim.patch(path, GROUP_PATCH_ADD.formatted(createUser().body().path("id").asText()));
        JsonNode current = scim.get(path).body();

        HttpCalls.Reply reply = scim.withHeader("If-Match", group.header("ETag")).put(path, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Renamed %s","members":[]}
                """.formatted(UUID.randomUUID()));

        assertPreconditionFailed(reply);
        assertThat(scim.get(path).body()).isEqualTo(current);
    }

    @Test
    void groupDeleteWithAStaleTagIsPreconditionFailedAndTheGroupStays() {
        HttpCalls.Reply group = createGroup();
        String path = "/scim/v2/Groups/" + group.body().path("id").asText();
        scim.patch(path, GROUP_PATCH_ADD.formatted(createUser().body().path("id").asText()));

        HttpCalls.Reply reply = scim.withHeader("If-Match", group.header("ETag")).delete(path);

        assertPreconditionFailed(reply);
        assertThat(scim.get(path).status()).isEqualTo(200);
    }

    @Test
    void groupDeleteWithTheCurrentTagDeletesTheGroup() {
        HttpCalls.Reply group = createGroup();
        String path = "/scim/v2/Groups/" + group.body().path("id").asText();

        assertThat(scim.withHeader("If-Match", group.header("ETag")).delete(path).status()).isEqualTo(204);
        assertThat(scim.get(path).status()).isEqualTo(404);
    }
}
