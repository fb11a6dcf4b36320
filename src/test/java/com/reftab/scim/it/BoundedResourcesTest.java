package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A user stops growing at the resource bounds (64 KiB stored, 100 values per attribute, the
 * defaults): the write that would pass one is 400 invalidValue naming it, and the user, its value
 * rows, its version and the outbox stay as they were. One that is already past them can still
 * be deactivated.
 */
@ScimIntegrationTest
class BoundedResourcesTest {

    private static final int MAX_BYTES = 65_536;
    private static final int MAX_VALUES = 100;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpCalls scim;
    String id;

    @BeforeEach
    void user() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser("bounded-" + UUID.randomUUID() + "@atko.com", "Big", "User"));
        assertThat(created.status()).isEqualTo(201);
        id = created.body().path("id").asText();
    }

    /** What a refused write must leave as it was: the user as stored, its value rows, the outbox. */
    private List<Object> state() {
        return List.of(jdbc.queryForObject("select resource from scim_user where id = ?", String.class, id),
                jdbc.queryForObject("select version from scim_user where id = ?", Long.class, id),
                jdbc.queryForObject("select count(*) from scim_user_value where resource_id = ?", Long.class, id),
                jdbc.queryForObject("select count(*) from outbox_event", Long.class));
    }

    private int storedBytes() {
        return jdbc.queryForObject("select resource from scim_user where id = ?", String.class, id)
                .getBytes(StandardCharsets.UTF_8).length;
    }

    private static String patch(ObjectNode... operations) {
        ObjectNode patch = NODES.objectNode();
        patch.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        patch.putArray("Operations").addAll(List.of(operations));
        return patch.toString();
    }

    private static ObjectNode add(String path, ArrayNode values) {
        ObjectNode add = NODES.objectNode().put("op", "add").put("path", path);
        add.set("value", values);
        return add;
    }

    /** Addresses of seven 500-character strings each: about 3.6 KB apiece. */
    private static ArrayNode addresses(int count) {
        ArrayNode addresses = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            String unique = UUID.randomUUID().toString();
            ObjectNode address = addresses.addObject();
            for (String field : List.of("formatted", "streetAddress", "locality", "region", "postalCode", "country", "type")) {
                address.put(field, (unique + field).repeat(20).substring(0, 500));
            }
        }
        return addresses;
    }

    private static ArrayNode emails(int count, String prefix) {
        ArrayNode emails = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            emails.addObject().put("value", prefix + i + "@atko.com").put("type", "other");
        }
        return emails;
    }

    @Test
    void aUserGrownPatchByPatchStopsAtTheSizeBoundWith400AndStaysAsItWas() {
        int accepted = 0;
        HttpCalls.Reply reply;
        while ((reply = scim.patch("/scim/v2/Users/" + id, patch(add("addresses", addresses(5))))).status() == 200) {
            accepted++;
            assertThat(accepted).as("patches accepted").isLessThan(10);
        }
        List<Object> before = state();

        assertScimError(reply, 400, "invalidValue");
        assertThat(reply.body().path("detail").asText()).contains("at most " + MAX_BYTES + " bytes");
        assertThat(storedBytes()).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(scim.patch("/scim/v2/Users/" + id, patch(add("addresses", addresses(5)))).status()).isEqualTo(400);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aPatchAddingTwoHundredKilobytesOfEmailsIsRefusedAndChangesNothing() {
        List<Object> before = state();
        ArrayNode emails = NODES.arrayNode();
        for (int i = 0; i < 400; i++) {
            emails.addObject().put("value", ("e" + i + "x".repeat(500)).substring(0, 490) + "@atko.com");
        }

        HttpCalls.Reply reply = scim.patch("/scim/v2/Users/" + id, patch(add("emails", emails)));

        assertScimError(reply, 400, "invalidValue");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aUserExactlyAtTheSizeBoundIsStoredAndOneByteMoreIsRefused() throws Exception {
        ObjectNode stored = (ObjectNode) JSON.readTree(jdbc.queryForObject("select resource from scim_user where id = ?", String.class, id));
        // The stored user with one certificate, sized so the whole is exactly the bound.
        stored.putArray("x509Certificates").addObject().put("value", "");
        int certificate = MAX_BYTES - JSON.writeValueAsBytes(stored).length;
        ObjectNode atTheBound = NODES.objectNode().put("op", "add").put("path", "x509Certificates");
        atTheBound.putArray("value").addObject().put("value", "M".repeat(certificate));

        HttpCalls.Reply accepted = scim.patch("/scim/v2/Users/" + id, patch(atTheBound));

        assertThat(accepted.status()).as("%s", accepted.raw().body()).isEqualTo(200);
        assertThat(storedBytes()).isEqualTo(MAX_BYTES);
        List<Object> before = state();
        HttpCalls.Reply refused = scim.patch("/scim/v2/Users/" + id,
                patch(NODES.objectNode().put("op", "replace").put("path", "nickName").put("value", "")));
        assertScimError(refused, 400, "invalidValue");
        assertThat(refused.body().path("detail").asText()).contains((MAX_BYTES + ",\"nickName\":\"\"".length()) + " bytes").contains(Integer.toString(MAX_BYTES));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void exactlyTheMostEmailsAreStoredAndOneMoreIsRefusedWhetherPostedOrAdded() throws Exception {
        ObjectNode user = (ObjectNode) JSON.readTree(oktaUser("many-" + UUID.randomUUID() + "@atko.com", "Many", "Emails"));
        user.set("emails", emails(MAX_VALUES, "many"));
        HttpCalls.Reply created = scim.post("/scim/v2/Users", user.toString());
        assertThat(created.status()).isEqualTo(201);
        id = created.body().path("id").asText();
        user.put("userName", "too-many-" + UUID.randomUUID() + "@atko.com").set("emails", emails(MAX_VALUES + 1, "too-many"));
        List<Object> before = state();

        HttpCalls.Reply posted = scim.post("/scim/v2/Users", user.toString());
        HttpCalls.Reply added = scim.patch("/scim/v2/Users/" + id, patch(add("emails", emails(1, "one-more"))));

        assertScimError(posted, 400, "invalidValue");
        assertThat(posted.body().path("detail").asText()).contains("'emails'").contains("at most " + MAX_VALUES);
        assertScimError(added, 400, "invalidValue");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aBulkOperationPastTheBoundFailsAloneAndChangesNothing() {
        List<Object> before = state();
        String bulk = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"PATCH","path":"/Users/%s","data":%s},
                 {"method":"PATCH","path":"/Users/%s","data":%s}]}
                """.formatted(id, patch(add("emails", emails(MAX_VALUES + 1, "bulk"))),
                id, patch(add("addresses", addresses(20))));

        HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", bulk);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("Operations")).hasSize(2).allSatisfy(result -> {
            assertThat(result.path("status").asText()).isEqualTo("400");
            assertThat(result.path("response").path("scimType").asText()).isEqualTo("invalidValue");
        });
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aUserStoredPastTheBoundCanStillBeDeactivatedButNotGrown() {
        // As a user grown before the bound existed: its stored resource well past 64 KiB.
        ObjectNode oversized = NODES.objectNode().put("userName", "legacy-" + UUID.randomUUID() + "@atko.com").put("active", true);
        oversized.set("addresses", addresses(30));
        jdbc.update("update scim_user set resource = ?, user_name = ?, user_name_key = ? where id = ?", oversized.toString(),
                oversized.get("userName").asText(), oversized.get("userName").asText(), id);

        HttpCalls.Reply deactivated = scim.patch("/scim/v2/Users/" + id, HttpCalls.activePatch(false));
        List<Object> before = state();
        HttpCalls.Reply grown = scim.patch("/scim/v2/Users/" + id, patch(add("emails", emails(1, "grown"))));

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().path("active").asBoolean()).isFalse();
        assertScimError(grown, 400, "invalidValue");
        assertThat(state()).isEqualTo(before);
    }
}
