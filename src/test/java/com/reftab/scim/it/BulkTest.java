package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * POST /Bulk (RFC 7644 §3.7): operations run in order, each on its own, and the BulkResponse
 * says how each went; later operations refer to what an earlier POST created by its bulkId.
 */
@ScimIntegrationTest
class BulkTest {

    private static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    @LocalServerPort
    int port;

    HttpCalls scim;
    GroupCalls groups;

    @BeforeEach
    void client() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        groups = new GroupCalls(scim);
    }

    private HttpCalls.Reply bulk(String... operations) {
        return bulkFailingOn(null, operations);
    }

    private HttpCalls.Reply bulkFailingOn(Integer failOnErrors, String... operations) {
        HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", "{\"schemas\":[\"" + BULK_REQUEST + "\"],"
                + (failOnErrors == null ? "" : "\"failOnErrors\":" + failOnErrors + ",")
                + "\"Operations\":[" + String.join(",", operations) + "]}");
        assertThat(reply.status()).as("bulk reply %s", reply.raw().body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
        assertThat(reply.body().path("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
        return reply;
    }

    private static String userName() {
        return "bulk-" + UUID.randomUUID() + "@atko.com";
    }

    private static String postUser(String bulkId, String userName) {
        return "{\"method\":\"POST\",\"bulkId\":\"" + bulkId + "\",\"path\":\"/Users\",\"data\":"
                + oktaUser(userName, "Bulk", "User") + "}";
    }

    private static String postGroupWithMember(String bulkId, String displayName, String memberValue) {
        return "{\"method\":\"POST\",\"bulkId\":\"" + bulkId + "\",\"path\":\"/Groups\",\"data\":"
                + "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + displayName
                + "\",\"members\":[{\"type\":\"User\",\"value\":\"" + memberValue + "\"}]}}";
    }

    private static String deactivate(String path, String version) {
        return "{\"method\":\"PATCH\",\"path\":\"" + path + "\"" + versionField(version)
                + ",\"data\":" + HttpCalls.activePatch(false) + "}";
    }

    private static String delete(String path) {
        return delete(path, null);
    }

    private static String delete(String path, String version) {
        return "{\"method\":\"DELETE\",\"path\":\"" + path + "\"" + versionField(version) + "}";
    }

    private static String versionField(String version) {
        return version == null ? "" : ",\"version\":\"" + version.replace("\"", "\\\"") + "\"";
    }

    private static JsonNode operation(HttpCalls.Reply reply, int index) {
        return reply.body().path("Operations").get(index);
    }

    private static String idIn(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void assertFailed(JsonNode operation, int status, String scimType) {
        assertThat(operation.path("status").asText()).isEqualTo(Integer.toString(status));
        JsonNode error = operation.path("response");
        assertThat(error.path("schemas").get(0).asText()).isEqualTo(ERROR);
        assertThat(error.path("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(error.path("detail").asText()).isNotBlank();
        assertThat(error.path("scimType").asText(null)).isEqualTo(scimType);
    }

    private int usersNamed(String userName) {
        return scim.get("/scim/v2/Users?" + GroupCalls.filterEq("userName", userName)).body().path("totalResults").asInt();
    }

    @Test
    void aGroupCreatedInTheSameRequestHasTheUserItRefersToByBulkId() {
        HttpCalls.Reply reply = bulk(
                postUser("alice", userName()),
                postGroupWithMember("tour-guides", GroupCalls.unique("Tour Guides"), "bulkId:alice"));

        JsonNode user = operation(reply, 0);
        JsonNode group = operation(reply, 1);
        assertThat(user.path("status").asText()).isEqualTo("201");
        assertThat(group.path("status").asText()).isEqualTo("201");
        assertThat(group.path("bulkId").asText()).isEqualTo("tour-guides");
        String userId = idIn(user.path("location").asText());
        assertThat(groups.memberIds(idIn(group.path("location").asText()))).containsExactly(userId);
    }

    @Test
    void eachSuccessSaysWhereTheResourceIsAndItsVersion() {
        HttpCalls.Reply reply = bulk(postUser("alice", userName()));

        JsonNode created = operation(reply, 0);
        assertThat(created.path("method").asText()).isEqualTo("POST");
        assertThat(created.path("bulkId").asText()).isEqualTo("alice");
        assertThat(created.path("version").asText()).isEqualTo("W/\"1\"");
        assertThat(created.has("response")).isFalse();
        HttpCalls.Reply user = scim.get(created.path("location").asText().replace("http://localhost:" + port, ""));
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.body().path("meta").path("location").asText()).isEqualTo(created.path("location").asText());
    }

    @Test
    void aPathMayReferToAUserCreatedEarlierInTheRequest() {
        HttpCalls.Reply reply = bulk(postUser("alice", userName()), deactivate("/Users/bulkId:alice", null));

        JsonNode patched = operation(reply, 1);
        assertThat(patched.path("status").asText()).isEqualTo("200");
        assertThat(patched.path("location").asText()).isEqualTo(operation(reply, 0).path("location").asText());
        assertThat(scim.get("/scim/v2/Users/" + idIn(patched.path("location").asText())).body()
                .path("active").asBoolean()).isFalse();
    }

    @Test
    void aDuplicateFailsItsOwnOperationWith409WhileTheOthersSucceed() {
        String taken = userName();
        assertThat(scim.post("/scim/v2/Users", oktaUser(taken, "Taken", "Already")).status()).isEqualTo(201);
        String fresh = userName();

        HttpCalls.Reply reply = bulk(postUser("again", taken), postUser("fresh", fresh));

        assertFailed(operation(reply, 0), 409, "uniqueness");
        assertThat(operation(reply, 0).has("location")).isFalse();
        assertThat(operation(reply, 1).path("status").asText()).isEqualTo("201");
        assertThat(usersNamed(fresh)).isEqualTo(1);
    }

    @Test
    void failOnErrorsOfOneStopsAfterTheFirstFailure() {
        String notAttempted = userName();

        HttpCalls.Reply reply = bulkFailingOn(1,
                delete("/Users/" + UUID.randomUUID()),
                postUser("never", notAttempted));

        assertThat(reply.body().path("Operations")).hasSize(1);
        assertFailed(operation(reply, 0), 404, null);
        assertThat(usersNamed(notAttempted)).isZero();
    }

    @Test
    void withoutFailOnErrorsEveryOperationIsAttempted() {
        String created = userName();

        HttpCalls.Reply reply = bulk(delete("/Users/" + UUID.randomUUID()), delete("/Groups/" + UUID.randomUUID()),
                postUser("created", created));

        assertThat(reply.body().path("Operations")).hasSize(3);
        assertThat(operation(reply, 2).path("status").asText()).isEqualTo("201");
        assertThat(usersNamed(created)).isEqualTo(1);
    }

    @Test
    void aVersionThatIsNotCurrentFailsThatOperationWith412() {
        GroupCalls.User user = groups.user();
        assertThat(scim.patch("/scim/v2/Users/" + user.id(), HttpCalls.activePatch(false)).status()).isEqualTo(200);

        HttpCalls.Reply reply = bulk(deactivate("/Users/" + user.id(), "W/\"1\""));

        assertFailed(operation(reply, 0), 412, null);
        assertThat(operation(reply, 0).path("location").asText()).endsWith("/scim/v2/Users/" + user.id());
        assertThat(scim.get("/scim/v2/Users/" + user.id()).body().path("meta").path("version").asText())
                .isEqualTo("W/\"2\"");
    }

    @Test
    void theCurrentVersionLetsTheOperationThroughAndTheNewVersionIsReturned() {
        String groupId = groups.group(GroupCalls.unique("Versioned"));

        HttpCalls.Reply reply = bulk(delete("/Groups/" + groupId, groups.version(groupId)));

        assertThat(operation(reply, 0).path("status").asText()).isEqualTo("204");
        assertThat(scim.get("/scim/v2/Groups/" + groupId).status()).isEqualTo(404);
    }

    @Test
    void aGroupPatchAnswers204WithTheGroupsNewVersion() {
        GroupCalls.User user = groups.user();
        String groupId = groups.group(GroupCalls.unique("Patched"));

        HttpCalls.Reply reply = bulk("{\"method\":\"PATCH\",\"path\":\"/Groups/" + groupId + "\",\"data\":"
                + GroupCalls.patchOp(GroupCalls.add(List.of(user))) + "}");

        assertThat(operation(reply, 0).path("status").asText()).isEqualTo("204");
        assertThat(operation(reply, 0).path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(groups.memberIds(groupId)).containsExactly(user.id());
    }

    @Test
    void aReferenceToAFailedPostFailsWith409() {
        String noUserName = "{\"method\":\"POST\",\"bulkId\":\"broken\",\"path\":\"/Users\",\"data\":"
                + "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}}";

        HttpCalls.Reply reply = bulk(noUserName,
                postGroupWithMember("group", GroupCalls.unique("Broken"), "bulkId:broken"));

        assertFailed(operation(reply, 0), 400, "invalidValue");
        assertFailed(operation(reply, 1), 409, null);
        assertThat(operation(reply, 1).path("response").path("detail").asText()).contains("bulkId:broken");
    }

    @Test
    void aReferenceToAPostLaterInTheRequestIsNotResolved() {
        String displayName = GroupCalls.unique("Too Early");

        HttpCalls.Reply reply = bulk(postGroupWithMember("group", displayName, "bulkId:later"),
                postUser("later", userName()));

        assertFailed(operation(reply, 0), 409, null);
        assertThat(operation(reply, 1).path("status").asText()).isEqualTo("201");
        assertThat(scim.get("/scim/v2/Groups?" + GroupCalls.filterEq("displayName", displayName)).body()
                .path("totalResults").asInt()).isZero();
    }

    @Test
    void aPostWithoutBulkIdFailsWith400AndIsNotApplied() {
        String userName = userName();

        HttpCalls.Reply reply = bulk("{\"method\":\"POST\",\"path\":\"/Users\",\"data\":"
                + oktaUser(userName, "No", "BulkId") + "}");

        assertFailed(operation(reply, 0), 400, "invalidValue");
        assertThat(usersNamed(userName)).isZero();
    }

    @Test
    void anOperationOnAnEndpointThatTakesNoWritesFailsOnItsOwn() {
        HttpCalls.Reply reply = bulk(
                "{\"method\":\"POST\",\"bulkId\":\"s\",\"path\":\"/Schemas\",\"data\":{}}",
                "{\"method\":\"POST\",\"bulkId\":\"b\",\"path\":\"/Bulk\",\"data\":{}}",
                delete("/ServiceProviderConfig"),
                postUser("fine", userName()));

        assertFailed(operation(reply, 0), 400, "invalidValue");
        assertFailed(operation(reply, 1), 400, "invalidValue");
        assertFailed(operation(reply, 2), 400, "invalidValue");
        assertThat(operation(reply, 3).path("status").asText()).isEqualTo("201");
    }

    @Test
    void anUnknownMethodFailsThatOperationWith400() {
        HttpCalls.Reply reply = bulk("{\"method\":\"GET\",\"path\":\"/Users\"}", postUser("fine", userName()));

        assertFailed(operation(reply, 0), 400, "invalidValue");
        assertThat(operation(reply, 1).path("status").asText()).isEqualTo("201");
    }

    @Test
    void moreOperationsThanMaxOperationsAreRefusedWith413AndNoneIsApplied() {
        GroupCalls.User user = groups.user();
        List<String> operations = new ArrayList<>(Collections.nCopies(1001, delete("/Users/" + user.id())));

        HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", "{\"schemas\":[\"" + BULK_REQUEST + "\"],"
                + "\"Operations\":[" + String.join(",", operations) + "]}");

        assertScimError(reply, 413, null);
        assertThat(reply.body().path("detail").asText()).contains("maxOperations (1000)");
        assertThat(scim.get("/scim/v2/Users/" + user.id()).status()).isEqualTo(200);
    }

    @Test
    void aRequestWithAnotherSchemaIsRefusedWith400() {
        HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:"
                + "SearchRequest\"],\"Operations\":[]}");

        assertScimError(reply, 400, "invalidValue");
    }

    @Test
    void aRequestWithoutOperationsIsRefusedAsInvalidSyntax() {
        assertScimError(scim.post("/scim/v2/Bulk", "{\"schemas\":[\"" + BULK_REQUEST + "\"]}"), 400, "invalidSyntax");
    }

    @Test
    void bulkNeedsTheToken() {
        HttpCalls.Reply reply = new HttpCalls(port, null).post("/scim/v2/Bulk",
                "{\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":[]}");

        assertScimError(reply, 401, null);
    }

    @Test
    void theServiceProviderConfigAdvertisesBulkAndItsLimits() {
        JsonNode bulk = scim.get("/scim/v2/ServiceProviderConfig").body().path("bulk");

        assertThat(bulk.path("supported").asBoolean()).isTrue();
        assertThat(bulk.path("maxOperations").asInt()).isEqualTo(1000);
        assertThat(bulk.path("maxPayloadSize").asLong()).isEqualTo(1_048_576);
    }
}
