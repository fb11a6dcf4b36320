package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import com.reftab.scim.it.BadRequests.BadRequest;
import com.reftab.scim.it.BadRequests.Outcome;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.spring.JqwikSpringSupport;
import org.assertj.core.api.SoftAssertions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated bad input on every endpoint, SCIM, admin and operator, over HTTP against the running
 * service: each request gets its 4xx SCIM Error (never a 5xx, never a 2xx for what is invalid), the
 * error's {@code status} is the HTTP status, its scimType is the one RFC 7644 §3.12 gives, nothing
 * internal leaks, and nothing changes: not the directory, the outbox, the roles or the tokens.
 * Input that RFC 7644 allows (an injection attempt inside a quoted filter value, a negative
 * {@code startIndex}) is answered, and changes nothing either.
 * <p>
 * The seeds are fixed so a build is repeatable; on a failure jqwik prints the seed and the
 * smallest failing request it could shrink to.
 */
@JqwikSpringSupport
@ScimIntegrationTest
class BadInputFuzzTest {

    private static final Set<String> RFC_7644_SCIM_TYPES = Set.of("invalidFilter", "tooMany", "uniqueness", "mutability",
            "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive",
            // RFC 9865 §4 adds it for a cursor the service did not issue.
            "invalidCursor");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static final BadRequests REQUESTS = new BadRequests();
    private BadRequests.Fixture fixture;
    private final Map<BadRequests.Token, HttpCalls> clients = new EnumMap<>(BadRequests.Token.class);

    /** Made on the first try: the port is injected for each try, after the requests are generated. */
    private BadRequests.Fixture fixture() {
        if (fixture != null) {
            return fixture;
        }
        HttpCalls scim = client(BadRequests.Token.SCIM);
        String userName = "fuzz-" + UUID.randomUUID() + "@atko.com";
        HttpCalls.Reply user = scim.post("/scim/v2/Users", oktaUser(userName, "Fuzz", "Fixture"));
        assertThat(user.status()).isEqualTo(201);
        String groupId = new GroupCalls(scim).group(GroupCalls.unique("Fuzz Fixture"));
        fixture = new BadRequests.Fixture(user.body().path("id").asText(), userName, groupId);
        return fixture;
    }

    @Property(tries = 100, seed = "7644")
    void aBodyThatIsNotOneWellFormedJsonObjectIsInvalidSyntax(@ForAll("malformedBodies") BadRequest request) {
        answersAsSpecifiedAndChangesNothing(request);
    }

    @Property(tries = 100, seed = "7643")
    void aValueTheServiceCannotTakeIsRefusedWithItsScimType(@ForAll("invalidValues") BadRequest request) {
        answersAsSpecifiedAndChangesNothing(request);
    }

    @Property(tries = 30, seed = "3137")
    void aBulkRequestRefusesItsBadOperationsOneByOne(@ForAll("badBulkOperations") BadRequest request) {
        answersAsSpecifiedAndChangesNothing(request);
    }

    @Property(tries = 80, seed = "1433")
    void anInjectionAttemptInAFilterIsAValueAndABrokenFilterIsInvalidFilter(@ForAll("filters") BadRequest request) {
        answersAsSpecifiedAndChangesNothing(request);
    }

    @Property(tries = 80, seed = "2119")
    void pagingParametersAreClampedWhenTheyAreIntegersAndRefusedWhenNot(@ForAll("listParameters") BadRequest request) {
        answersAsSpecifiedAndChangesNothing(request);
    }

    @Property(tries = 60, seed = "3986")
    void anIdThatNamesNothingIsNotFoundWhateverItHolds(@ForAll("strangeIds") BadRequest request) {
        answersAsSpecifiedAndChangesNothing(request);
    }

    @Property(tries = 80, seed = "65536")
    void aRequestAtABoundIsTakenAndOnePastItIsRefusedNamingTheBound(@ForAll("nearTheBounds") BadRequest request) {
        answersAsSpecifiedAndChangesNothing(request);
    }

    @Property(tries = 40, seed = "3552")
    void operationsOfOnePatchThatBuildOnEachOtherAreAnsweredOrRefusedWhole(@ForAll("chainedPatchOperations") BadRequest request) {
        answersAsSpecifiedAndChangesNothing(request);
    }

    /**
     * Clients racing over the same new users and groups, deletes among their single and Bulk writes:
     * no 5xx, each answer one the request can have (a deleted user is 404, adding one to a group
     * 400 invalidValue), and afterwards no member row without its user and every group's members
     * what its events say.
     */
    @Property(tries = 10, seed = "2119")
    void interleavedDeletesAndAddsAnswerNo5xxAndLeaveTheDirectoryConsistent(@ForAll("races") BadRequests.Race race)
            throws Exception {
        HttpCalls scim = client(BadRequests.Token.SCIM);
        GroupCalls groups = new GroupCalls(scim);
        List<GroupCalls.User> users = groups.users(race.users());
        List<String> groupIds = new ArrayList<>();
        for (int i = 0; i < race.groups(); i++) {
            groupIds.add(groups.groupWith(GroupCalls.unique("Race"), users.subList(0, (users.size() + i) / 2)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(race.clients().size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> running = new ArrayList<>();
        for (List<BadRequests.Step> client : race.clients()) {
            running.add(pool.submit(() -> {
                start.await();
                List<String> wrong = new ArrayList<>();
                for (BadRequests.Step step : client) {
                    wrong.addAll(run(scim, step, users, groupIds));
                }
                return wrong;
            }));
        }
        start.countDown();
        List<String> wrong = new ArrayList<>();
        for (Future<List<String>> client : running) {
            wrong.addAll(client.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        DirectoryConsistency directory = new DirectoryConsistency(jdbc);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(wrong).as("answers no such request may get").isEmpty();
        softly.assertThat(directory.memberRowsWithoutAUser()).as("member rows without a user").isZero();
        for (String groupId : groupIds) {
            softly.assertThat(directory.members(groupId)).as("members of %s", groupId).isEqualTo(directory.membersByEvents(groupId));
        }
        for (GroupCalls.User user : users) {
            long[] versionAndEvents = directory.versionAndEvents(user.id());
            if (versionAndEvents[0] >= 0) {
                softly.assertThat(versionAndEvents[1]).as("events of %s", user.id()).isEqualTo(versionAndEvents[0]);
            }
        }
        softly.assertAll();
    }

    /** Runs one step; says what was wrong with its answers (nothing, when each is one its request may get). */
    private static List<String> run(HttpCalls scim, BadRequests.Step step, List<GroupCalls.User> users, List<String> groupIds) {
        if (step instanceof BadRequests.Step.Bulk bulk) {
            List<String> operations = bulk.operations().stream()
                    .map(operation -> request(operation, users, groupIds).asBulkOperation()).toList();
            HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                    + "\"Operations\":[" + String.join(",", operations) + "]}");
            List<String> wrong = new ArrayList<>();
            if (reply.status() != 200 || reply.body().path("Operations").size() != operations.size()) {
                wrong.add(step + " → " + reply.status() + " " + reply.raw().body());
                return wrong;
            }
            for (int i = 0; i < operations.size(); i++) {
                JsonNode result = reply.body().path("Operations").get(i);
                wrong.addAll(check(bulk.operations().get(i), result.path("status").asInt(),
                        result.path("response").path("scimType").asText(null), result.toString()));
            }
            return wrong;
        }
        HttpCalls.Reply reply = request(step, users, groupIds).sendWith(scim);
        return check(step, reply.status(), reply.body().path("scimType").asText(null), reply.raw().body());
    }

    private static List<String> check(BadRequests.Step step, int status, String scimType, String answer) {
        boolean expected;
        if (step instanceof BadRequests.Step.Delete) {
            expected = status == 204 || status == 404;
        } else if (step instanceof BadRequests.Step.Retitle) {
            expected = status == 200 || status == 404;
        } else if (step instanceof BadRequests.Step.AddToGroup) {
            expected = status == 204 || status == 400 && "invalidValue".equals(scimType);
        } else {
            expected = status == 204;
        }
        return expected ? List.of() : List.of(step + " → " + status + " " + answer);
    }

    private static String retitle() {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"title\",\"value\":\"" + UUID.randomUUID() + "\"}]}";
    }

    /** A step of a race as the SCIM request it makes: a DELETE, or a PATCH with its body; the path below /scim/v2. */
    private record StepRequest(String path, String patch) {

        HttpCalls.Reply sendWith(HttpCalls scim) {
            return patch == null ? scim.delete("/scim/v2" + path) : scim.patch("/scim/v2" + path, patch);
        }

        String asBulkOperation() {
            return patch == null ? "{\"method\":\"DELETE\",\"path\":\"" + path + "\"}"
                    : "{\"method\":\"PATCH\",\"path\":\"" + path + "\",\"data\":" + patch + "}";
        }
    }

    private static StepRequest request(BadRequests.Step step, List<GroupCalls.User> users, List<String> groupIds) {
        if (step instanceof BadRequests.Step.Delete delete) {
            return new StepRequest("/Users/" + users.get(delete.user()).id(), null);
        }
        if (step instanceof BadRequests.Step.Retitle retitle) {
            return new StepRequest("/Users/" + users.get(retitle.user()).id(), retitle());
        }
        if (step instanceof BadRequests.Step.AddToGroup add) {
            return new StepRequest("/Groups/" + groupIds.get(add.group()),
                    GroupCalls.patchOp(GroupCalls.add(List.of(users.get(add.user())))));
        }
        BadRequests.Step.RemoveFromGroup remove = (BadRequests.Step.RemoveFromGroup) step;
        return new StepRequest("/Groups/" + groupIds.get(remove.group()),
                GroupCalls.patchOp(GroupCalls.remove(users.get(remove.user()))));
    }

    @Provide
    Arbitrary<BadRequest> chainedPatchOperations() {
        return REQUESTS.chainedPatchOperations();
    }

    @Provide
    Arbitrary<BadRequests.Race> races() {
        return REQUESTS.races();
    }

    @Provide
    Arbitrary<BadRequest> nearTheBounds() {
        return REQUESTS.nearTheBounds();
    }

    @Provide
    Arbitrary<BadRequest> malformedBodies() {
        return REQUESTS.malformedBodies();
    }

    @Provide
    Arbitrary<BadRequest> invalidValues() {
        return REQUESTS.invalidValues();
    }

    @Provide
    Arbitrary<BadRequest> badBulkOperations() {
        return REQUESTS.badBulkOperations();
    }

    @Provide
    Arbitrary<BadRequest> filters() {
        return REQUESTS.filters();
    }

    @Provide
    Arbitrary<BadRequest> listParameters() {
        return REQUESTS.listParameters();
    }

    @Provide
    Arbitrary<BadRequest> strangeIds() {
        return REQUESTS.strangeIds();
    }

    private void answersAsSpecifiedAndChangesNothing(BadRequest generated) {
        BadRequest request = generated.addressing(fixture());
        List<Long> before = state();

        HttpCalls.Reply reply;
        try {
            reply = client(request.token()).sendBytes(request.method(), request.path(),
                    request.body() == null ? null : BadRequests.SCIM_JSON, request.body(), request.chunked());
        } catch (UncheckedIOException cutOff) {
            // A body over the limit is refused without being read and the connection closed at once;
            // a client still sending it may see the connection go before the 413 arrives.
            assertThat(request.body()).as("only a body over the limit may be cut off: %s", cutOff).isNotNull();
            assertThat(request.body().length).as("only a body over the limit may be cut off: %s", cutOff)
                    .isGreaterThan(BadRequests.MAX_BODY_BYTES);
            assertThat(state()).as("directory, outbox, roles and tokens").isEqualTo(before);
            return;
        }

        SoftAssertions softly = new SoftAssertions();
        if (request.outcome() instanceof Outcome.Refused refused) {
            assertScimError(softly, reply, refused);
        } else if (request.outcome() instanceof Outcome.EveryOperationRefused) {
            softly.assertThat(reply.status()).as("status").isEqualTo(200);
            reply.body().path("Operations").forEach(result -> softly.assertThat(result.path("status").asInt())
                    .as("operation status of %s", result).isBetween(400, 499));
        } else if (request.outcome() instanceof Outcome.Answered answered) {
            softly.assertThat(reply.status()).as("status %s", reply.raw().body()).isEqualTo(answered.status());
        } else if (request.outcome() instanceof Outcome.Taken taken) {
            softly.assertThat(reply.status()).as("status %s", reply.raw().body()).isEqualTo(taken.status());
        }
        if (request.outcome() instanceof Outcome.Refused || request.outcome() instanceof Outcome.EveryOperationRefused) {
            // An accepted answer may quote stored data (a dead letter's reason, say); a refusal quotes nothing internal.
            softly.assertThat(reply.raw().body()).as("body").doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("java.").doesNotContain("org.springframework").doesNotContain("org.apache");
        }
        if (!(request.outcome() instanceof Outcome.Taken)) {
            softly.assertThat(state()).as("directory, outbox, roles and tokens").isEqualTo(before);
        }
        softly.assertAll();
    }

    private static void assertScimError(SoftAssertions softly, HttpCalls.Reply reply, Outcome.Refused refused) {
        softly.assertThat(reply.status()).as("status").isEqualTo(refused.status());
        softly.assertThat(reply.header("Content-Type")).as("Content-Type").startsWith("application/scim+json");
        softly.assertThat(reply.body().path("schemas").path(0).asText()).as("schemas")
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        softly.assertThat(reply.body().path("status").asText()).as("status in the body").isEqualTo(Integer.toString(reply.status()));
        softly.assertThat(reply.body().path("detail").asText()).as("detail").isNotBlank();
        if (refused.scimType() == null) {
            softly.assertThat(reply.body().has("scimType")).as("scimType %s", reply.body().path("scimType")).isFalse();
        } else {
            softly.assertThat(reply.body().path("scimType").asText()).as("scimType").isEqualTo(refused.scimType())
                    .isIn(RFC_7644_SCIM_TYPES);
        }
    }

    /** Everything a request could change, counted: a 4xx must leave every number as it was. */
    private List<Long> state() {
        return jdbc.query("""
                select (select count(*) from scim_user), (select coalesce(sum(version), 0) from scim_user),
                       (select count(*) from scim_user_value), (select count(*) from scim_group),
                       (select coalesce(sum(version), 0) from scim_group), (select count(*) from scim_group_member),
                       (select count(*) from outbox_event), (select count(*) from tenant), (select count(*) from access_role),
                       (select count(*) from group_role_mapping), (select count(*) from api_token),
                       (select count(*) from api_token where revoked_at is not null or expires_at is not null)
                """, (rs, row) -> {
            Long[] values = new Long[12];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 1);
            }
            return List.of(values);
        }).get(0);
    }

    private HttpCalls client(BadRequests.Token token) {
        return clients.computeIfAbsent(token, kind -> new HttpCalls(port, switch (kind) {
            case SCIM -> ScimIntegrationTest.SCIM_TOKEN;
            case ADMIN -> ScimIntegrationTest.ADMIN_TOKEN;
            case OPERATOR -> ScimIntegrationTest.OPERATOR_TOKEN;
        }));
    }
}
