package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

        HttpCalls.Reply reply = client(request.token()).sendBytes(request.method(), request.path(),
                request.body() == null ? null : BadRequests.SCIM_JSON, request.body(), request.chunked());

        SoftAssertions softly = new SoftAssertions();
        if (request.outcome() instanceof Outcome.Refused refused) {
            assertScimError(softly, reply, refused);
        } else if (request.outcome() instanceof Outcome.EveryOperationRefused) {
            softly.assertThat(reply.status()).as("status").isEqualTo(200);
            reply.body().path("Operations").forEach(result -> softly.assertThat(result.path("status").asInt())
                    .as("operation status of %s", result).isBetween(400, 499));
        } else {
            softly.assertThat(reply.status()).as("status").isEqualTo(200);
        }
        if (!(request.outcome() instanceof Outcome.Answered)) {
            // An accepted answer may quote stored data (a dead letter's reason, say); a refusal quotes nothing internal.
            softly.assertThat(reply.raw().body()).as("body").doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("java.").doesNotContain("org.springframework").doesNotContain("org.apache");
        }
        softly.assertThat(state()).as("directory, outbox, roles and tokens").isEqualTo(before);
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
