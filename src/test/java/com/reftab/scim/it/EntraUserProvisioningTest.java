package com.reftab.scim.it;

import static com.reftab.scim.it.EntraCalls.ENTERPRISE;
import static com.reftab.scim.it.EntraCalls.op;
import static com.reftab.scim.it.EntraCalls.quoted;
import static com.reftab.scim.it.EntraCalls.uniqueUserName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.reftab.scim.oauth.EntraKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Microsoft's gallery validation of user provisioning (Create_User, Update_User, Disable_User,
 * Delete_User, User_Update_Manager and SCIM_Update_Manager, Restore_User, POD_User), each as the
 * requests Entra's provisioning engine sends for it, checked in SCIM and in the Reftab user store.
 * Entra connects as it does in production: an OAuth client of the tenant and access tokens from the
 * tenant's token endpoint, by client secret, and in one test by a federated assertion signed with
 * keys a local JWKS server publishes. Okta's static SCIM token works beside it.
 */
@ScimIntegrationTest
class EntraUserProvisioningTest {

    /** Provision on demand is meant to be seen within seconds. */
    private static final Duration ON_DEMAND = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    // Entra's signing keys and JWKS, made anew for each test class (the PostgreSQL subclass too).
    private static EntraKeys entraKeys;

    EntraCalls entra;
    HttpCalls admin;

    @BeforeAll
    static void startEntraKeys() {
        entraKeys = new EntraKeys();
    }

    @AfterAll
    static void stopEntraKeys() {
        entraKeys.close();
    }

    @BeforeEach
    void clients() {
        entra = EntraCalls.withClientSecret(port, ScimIntegrationTest.ADMIN_TOKEN);
        admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);
    }

    private JsonNode user(String id) {
        HttpCalls.Reply reply = entra.get("/Users/" + id);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private JsonNode accountWithin(Duration bound, String id, String status) {
        return await().atMost(bound).until(() -> admin.get("/api/admin/accounts/" + id),
                reply -> reply.status() == 200 && reply.body().path("status").asText().equals(status)).body();
    }

    private static void assertPatched(HttpCalls.Reply reply) {
        assertThat(reply.status()).as("PATCH answer %s", reply.body()).isIn(200, 204);
    }

    @Test
    void createAfterALookupThatFindsNothingAnswersTheUserAndTheNextLookupFindsIt() {
        String userName = uniqueUserName();
        HttpCalls.Reply lookup = entra.findUser(userName);
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.body().path("totalResults").asInt()).isZero();

        HttpCalls.Reply created = entra.post("/Users", EntraCalls.user(userName, "Adele", "Vance"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/scim+json");
        assertThat(created.body().path("id").asText()).isNotBlank();
        assertThat(created.body().path("userName").asText()).isEqualTo(userName);
        assertThat(created.body().path("name").path("formatted").asText()).isEqualTo("Adele Vance");
        assertThat(created.body().path("active").asBoolean()).isTrue();
        HttpCalls.Reply found = entra.findUser(userName);
        assertThat(found.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.body().path("Resources").get(0).path("id").asText()).isEqualTo(created.body().path("id").asText());
    }

    @Test
    void updateReplacesEveryMappedAttributeByEntrasPaths() {
        String id = entra.provisionUser(uniqueUserName(), "Alex", "Wilber");
        String newMail = uniqueUserName();

        HttpCalls.Reply reply = entra.patch("/Users/" + id,
                op("Replace", "displayName", quoted("Alex W.")),
                op("Replace", "title", quoted("Field Technician")),
                op("Replace", "name.givenName", quoted("Alexander")),
                op("Replace", "emails[type eq \"work\"].value", quoted(newMail)),
                op("Add", "addresses[type eq \"work\"].streetAddress", quoted("1 Microsoft Way")),
                op("Add", "phoneNumbers[type eq \"mobile\"].value", quoted("+1 425 555 0100")),
                op("Add", ENTERPRISE + ":employeeNumber", quoted("E-1042")),
                op("Add", ENTERPRISE + ":department", quoted("Operations")));

        assertPatched(reply);
        JsonNode user = user(id);
        assertThat(user.path("displayName").asText()).isEqualTo("Alex W.");
        assertThat(user.path("title").asText()).isEqualTo("Field Technician");
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Alexander");
        assertThat(user.path("name").path("familyName").asText()).isEqualTo("Wilber");
        assertThat(user.path("emails")).hasSize(1);
        assertThat(user.path("emails").get(0).path("value").asText()).isEqualTo(newMail);
        assertThat(user.path("addresses").get(0).path("type").asText()).isEqualTo("work");
        assertThat(user.path("addresses").get(0).path("streetAddress").asText()).isEqualTo("1 Microsoft Way");
        assertThat(user.path("phoneNumbers").get(0).path("type").asText()).isEqualTo("mobile");
        assertThat(user.path("phoneNumbers").get(0).path("value").asText()).isEqualTo("+1 425 555 0100");
        assertThat(user.path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("E-1042");
        assertThat(user.path(ENTERPRISE).path("department").asText()).isEqualTo("Operations");
    }

    @Test
    void disableWithTheStringFalseDisablesTheUserInTheDirectoryItsLookupAndTheUserStore() {
        String userName = uniqueUserName();
        String id = entra.provisionUser(userName, "Diego", "Siciliani");
        accountWithin(ON_DEMAND, id, "active");

        HttpCalls.Reply reply = entra.patch("/Users/" + id, op("Replace", "active", quoted("False")));

        assertPatched(reply);
        assertThat(user(id).path("active").isBoolean()).isTrue();
        assertThat(user(id).path("active").asBoolean()).isFalse();
        JsonNode found = entra.findUser(userName).body().path("Resources").get(0);
        assertThat(found.path("active").isBoolean()).isTrue();
        assertThat(found.path("active").asBoolean()).isFalse();
        assertThat(accountWithin(ON_DEMAND, id, "disabled").path("canLogin").asBoolean()).isFalse();
    }

    @Test
    void deleteAnswers204AndTheUserIsGoneFromSearchAndTheUserStoreLogin() {
        String userName = uniqueUserName();
        String id = entra.provisionUser(userName, "Grady", "Archie");

        HttpCalls.Reply deleted = entra.delete("/Users/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(entra.get("/Users/" + id).status()).isEqualTo(404);
        assertThat(entra.findUser(userName).body().path("totalResults").asInt()).isZero();
        assertThat(accountWithin(ON_DEMAND, id, "disabled").path("canLogin").asBoolean()).isFalse();
    }

    @Test
    void managerIsSetAsABareIdChangedAndRemovedWithAnEmptyValueObject() {
        String first = entra.provisionUser(uniqueUserName(), "Megan", "Bowen");
        String second = entra.provisionUser(uniqueUserName(), "Nestor", "Wilke");
        String id = entra.provisionUser(uniqueUserName(), "Lynne", "Robbins");
        String manager = ENTERPRISE + ":manager";

        assertPatched(entra.patch("/Users/" + id, op("Add", manager, quoted(first))));
        assertThat(user(id).path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo(first);

        assertPatched(entra.patch("/Users/" + id, op("Replace", manager, quoted(second))));
        assertThat(user(id).path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo(second);

        assertPatched(entra.patch("/Users/" + id, op("Replace", manager, "{\"value\":\"\"}")));
        assertThat(user(id).path(ENTERPRISE).has("manager")).isFalse();
    }

    @Test
    void managerIsRemovedByAReplaceWithAnEmptyValue() {
        String boss = entra.provisionUser(uniqueUserName(), "Isaiah", "Langer");
        String id = entra.provisionUser(uniqueUserName(), "Joni", "Sherman");
        String manager = ENTERPRISE + ":manager";
        assertPatched(entra.patch("/Users/" + id, op("Add", manager, "{\"value\":" + quoted(boss) + "}")));
        assertThat(user(id).path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo(boss);

        assertPatched(entra.patch("/Users/" + id, op("Replace", manager, quoted(""))));

        assertThat(user(id).path(ENTERPRISE).has("manager")).isFalse();
    }

    @Test
    void restoreAfterUnassignBringsTheSameUserBackWithItsGroups() {
        String userName = uniqueUserName();
        String id = entra.provisionUser(userName, "Pradeep", "Gupta");
        String group = entra.provisionGroup("Entra Restore " + id.substring(0, 8));
        assertPatched(entra.patch("/Groups/" + group, op("Add", "members", "[{\"$ref\":null,\"value\":" + quoted(id) + "}]")));

        // Unassigned in Entra: the user is disabled, and stays a member while inactive.
        assertPatched(entra.patch("/Users/" + id, op("Replace", "active", quoted("False"))));
        accountWithin(ON_DEMAND, id, "disabled");
        assertThat(GroupCalls.ids(entra.get("/Groups/" + group).body().path("members"))).containsExactly(id);

        // Reassigned: Entra's matching lookup finds the disabled user, and it is enabled again.
        String restored = entra.provisionUser(userName, "Pradeep", "Gupta");
        assertThat(restored).isEqualTo(id);
        assertPatched(entra.patch("/Users/" + id, op("Replace", "active", quoted("True"))));

        assertThat(entra.findUser(userName).body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(user(id).path("active").asBoolean()).isTrue();
        assertThat(GroupCalls.ids(entra.get("/Groups/" + group).body().path("members"))).containsExactly(id);
        JsonNode account = accountWithin(ON_DEMAND, id, "active");
        assertThat(account.path("groups").findValuesAsText("id")).containsExactly(group);
    }

    @Test
    void provisionOnDemandOfOneUserByAFederatedCredentialReachesTheUserStoreWithinSeconds() {
        RSAKey key = EntraKeys.newKey();
        entraKeys.publish(key);
        EntraCalls federated = EntraCalls.withFederatedAssertion(port, ScimIntegrationTest.ADMIN_TOKEN, entraKeys, key);
        String userName = uniqueUserName();

        String id = federated.provisionUser(userName, "Lidia", "Holloway");

        JsonNode account = accountWithin(ON_DEMAND, id, "active");
        assertThat(account.path("userName").asText()).isEqualTo(userName);
        assertThat(account.path("canLogin").asBoolean()).isTrue();
    }

    @Test
    void oktasStaticScimTokenWorksBesideEntrasAccessTokenInTheSameTenant() {
        String userName = uniqueUserName();
        String id = entra.provisionUser(userName, "Okta", "Beside");

        HttpCalls.Reply found = EntraCalls.withStaticToken(port).findUser(userName);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("Resources").get(0).path("id").asText()).isEqualTo(id);
    }
}
