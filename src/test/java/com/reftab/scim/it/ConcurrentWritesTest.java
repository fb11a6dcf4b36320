package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.add;
import static com.reftab.scim.it.GroupCalls.remove;
import static com.reftab.scim.it.GroupCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.GroupCalls.User;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every kind of write of one tenant at once: Bulk requests (whose operations commit 50 at a time),
 * single PATCHes of the same users and groups, users deleted while other requests add them to
 * groups. Writes that take the same locks in different orders deadlock, and the database answers
 * a deadlock by failing one of them (a 503 here); a member added while its user is deleted
 * leaves a member row without a user. So: no 5xx, an add of a deleted user is 400 invalidValue,
 * and afterwards no member row without its user, every group's members are what its events say,
 * every user's version counts its events.
 */
@ScimIntegrationTest
class ConcurrentWritesTest {

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpCalls scim;
    GroupCalls groups;

    /** A status and what it answered: a single request, or one operation of a Bulk request. */
    private record Outcome(String what, int status, String scimType) {
    }

    private static String retitle(String title) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"" + title + "\"}]}";
    }

    private List<Outcome> bulkOfPatches(List<User> users, List<String> groupIds, int round) {
        List<String> operations = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            User user = users.get((i * 7 + round) % users.size());
            if (i % 6 == 5) {
                operations.add("{\"method\":\"PATCH\",\"path\":\"/Groups/" + groupIds.get(i % groupIds.size()) + "\",\"data\":"
                        + GroupCalls.patchOp(i % 12 == 5 ? add(List.of(user)) : remove(user)) + "}");
            } else {
                operations.add("{\"method\":\"PATCH\",\"path\":\"/Users/" + user.id() + "\",\"data\":" + retitle("bulk " + round + "." + i) + "}");
            }
        }
        HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"Operations\":[" + String.join(",", operations) + "]}");
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(new Outcome("bulk " + round, reply.status(), null));
        for (JsonNode result : reply.body().path("Operations")) {
            outcomes.add(new Outcome("bulk " + round + " " + result.path("location").asText(), result.path("status").asInt(),
                    result.path("response").path("scimType").asText(null)));
        }
        return outcomes;
    }

    private List<Outcome> singlePatches(List<User> users, List<String> groupIds, int writer) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            User user = users.get((i * 5 + writer * 3) % users.size());
            HttpCalls.Reply reply = i % 4 == 3
                    ? groups.patch(groupIds.get((i + writer) % groupIds.size()), i % 8 == 3 ? add(List.of(user)) : remove(user))
                    : scim.patch("/scim/v2/Users/" + user.id(), retitle("single " + writer + "." + i));
            outcomes.add(new Outcome("single " + writer + "." + i, reply.status(), reply.body().path("scimType").asText(null)));
        }
        return outcomes;
    }

    private List<Outcome> deletes(List<User> victims) {
        List<Outcome> outcomes = new ArrayList<>();
        for (User victim : victims) {
            HttpCalls.Reply reply = scim.delete("/scim/v2/Users/" + victim.id());
            outcomes.add(new Outcome("delete " + victim.id(), reply.status(), reply.body().path("scimType").asText(null)));
        }
        return outcomes;
    }

    private List<Outcome> memberAdds(List<User> victims, List<String> groupIds) {
        List<Outcome> outcomes = new ArrayList<>();
        for (User victim : victims) {
            for (String groupId : groupIds.subList(1, groupIds.size())) {
                HttpCalls.Reply reply = groups.patch(groupId, add(List.of(victim)));
                outcomes.add(new Outcome("add " + victim.id() + " to " + groupId, reply.status(), reply.body().path("scimType").asText(null)));
            }
        }
        return outcomes;
    }

    @Test
    void bulkSingleWritesDeletesAndMemberAddsOfOneTenantAtOnceAnswerNo5xxAndLeaveTheDirectoryConsistent() throws Exception {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        groups = new GroupCalls(scim);
        List<User> users = groups.users(24);
        List<User> victims = groups.users(24);
        List<String> groupIds = List.of(groups.groupWith(unique("Race A"), victims), groups.group(unique("Race B")),
                groups.group(unique("Race C")));

        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Outcome>>> work = List.of(
                () -> {
                    List<Outcome> outcomes = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        outcomes.addAll(bulkOfPatches(users, groupIds, round));
                    }
                    return outcomes;
                },
                () -> singlePatches(users, groupIds, 1),
                () -> singlePatches(users, groupIds, 2),
                () -> deletes(victims),
                () -> memberAdds(victims, groupIds),
                () -> memberAdds(reversed(victims), groupIds));
        List<Future<List<Outcome>>> running = new ArrayList<>();
        for (Callable<List<Outcome>> worker : work) {
            running.add(pool.submit(() -> {
                start.await();
                return worker.call();
            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<List<Outcome>> worker : running) {
            outcomes.addAll(worker.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        SoftAssertions softly = new SoftAssertions();
        DirectoryConsistency directory = new DirectoryConsistency(jdbc);
        softly.assertThat(outcomes).as("answers of 5xx").filteredOn(o -> o.status() >= 500).isEmpty();
        softly.assertThat(outcomes).as("refusals other than adding a deleted user")
                .filteredOn(o -> o.status() >= 400 && o.status() < 500 && !(o.what().startsWith("add ") && o.status() == 400
                        && "invalidValue".equals(o.scimType())))
                .isEmpty();
        softly.assertThat(directory.memberRowsWithoutAUser()).as("member rows without a user").isZero();
        for (String groupId : groupIds) {
            softly.assertThat(directory.members(groupId)).as("members of %s", groupId).isEqualTo(directory.membersByEvents(groupId))
                    .doesNotContainAnyElementsOf(GroupCalls.ids(victims));
        }
        for (User user : users) {
            long[] versionAndEvents = directory.versionAndEvents(user.id());
            softly.assertThat(versionAndEvents[1]).as("events of %s", user.id()).isEqualTo(versionAndEvents[0]);
        }
        softly.assertAll();
    }

    private static List<User> reversed(List<User> users) {
        List<User> reversed = new ArrayList<>(users);
        Collections.reverse(reversed);
        return reversed;
    }
}
