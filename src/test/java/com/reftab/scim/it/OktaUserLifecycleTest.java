package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Okta's user lifecycle against the running service, checked in SCIM, in the user store and on the topic. */
@ScimIntegrationTest
class OktaUserLifecycleTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    LocalKafkaBroker broker;

    @Value("${reftab.events.topic}")
    String topic;

    HttpCalls scim;
    HttpCalls admin;

    @BeforeEach
    void clients() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);
    }

    private static String uniqueUserName() {
        return "Runscope" + UUID.randomUUID().toString().substring(0, 8) + "@atko.com";
    }

    private String create(String userName) {
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser(userName, "Test", "User"));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private JsonNode accountEventually(String id, String status) {
        return await().atMost(EVENTUALLY).until(() -> admin.get("/api/admin/accounts/" + id),
                reply -> reply.status() == 200 && reply.body().path("status").asText().equals(status)).body();
    }

    @Test
    void lookupOfAnUnknownUserNameIsAnEmptyList() {
        HttpCalls.Reply reply = scim.get("/scim/v2/Users?filter=userName+eq+%22nobody%40atko.com%22&startIndex=1&count=100");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("totalResults").isIntegralNumber()).isTrue();
        assertThat(reply.body().path("totalResults").asInt()).isZero();
        assertThat(reply.body().path("Resources").isArray()).isTrue();
        assertThat(reply.body().path("Resources")).isEmpty();
    }

    @Test
    void createAnswersTheFullUserWithLocationAndKeepsNoPassword() {
        String userName = uniqueUserName();

        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser(userName, "Ada", "Lovelace"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/scim+json");
        JsonNode user = created.body();
        assertThat(user.path("id").isTextual()).isTrue();
        assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + user.path("id").asText());
        assertThat(user.path("userName").asText()).isEqualTo(userName);
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Ada");
        assertThat(user.path("active").asBoolean()).isTrue();
        assertThat(user.has("password")).isFalse();
        assertThat(user.path("meta").path("resourceType").asText()).isEqualTo("User");
        assertThat(user.path("meta").path("location").asText()).isEqualTo(created.header("Location"));
        assertThat(user.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
    }

    @Test
    void lookupByUserNameIgnoresLetterCase() {
        String userName = uniqueUserName();
        String id = create(userName);

        HttpCalls.Reply reply = scim.get("/scim/v2/Users?filter=userName%20eq%20%22" + userName.toUpperCase() + "%22");

        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(reply.body().path("Resources").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void creatingAUserNameThatExistsInAnyLetterCaseIsAConflict() {
        String userName = uniqueUserName();
        create(userName);

        HttpCalls.Reply again = scim.post("/scim/v2/Users", oktaUser(userName.toLowerCase(), "Test", "User"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("scimType").asText()).isEqualTo("uniqueness");
        assertThat(again.body().path("status").asText()).isEqualTo("409");
    }

    @Test
    void createdUserReachesTheUserStoreAsAnActiveAccount() {
        String userName = uniqueUserName();
        String id = create(userName);

        JsonNode account = accountEventually(id, "active");

        assertThat(account.path("userName").asText()).isEqualTo(userName);
        assertThat(account.path("email").asText()).isEqualTo(userName.toLowerCase());
        assertThat(account.path("canLogin").asBoolean()).isTrue();
    }

    @Test
    void putOfWhatGetReturnedWithAChangedNameUpdatesDirectoryAndUserStore() {
        String id = create(uniqueUserName());
        ObjectNode user = (ObjectNode) scim.get("/scim/v2/Users/" + id).body();
        ((ObjectNode) user.path("name")).put("givenName", "Grace");
        user.put("password", "placeholder");
        user.putArray("groups");

        HttpCalls.Reply put = scim.put("/scim/v2/Users/" + id, user.toString());

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("name").path("givenName").asText()).isEqualTo("Grace");
        assertThat(put.body().path("active").asBoolean()).isTrue();
        assertThat(put.body().path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        await().atMost(EVENTUALLY).until(() -> admin.get("/api/admin/accounts/" + id).body().path("givenName").asText(),
                "Grace"::equals);
    }

    @Test
    void putOfAnUnchangedUserKeepsTheVersion() {
        String id = create(uniqueUserName());
        JsonNode user = scim.get("/scim/v2/Users/" + id).body();

        HttpCalls.Reply put = scim.put("/scim/v2/Users/" + id, user.toString());

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("meta").path("version").asText()).isEqualTo("W/\"1\"");
    }

    @Test
    void oktaDeactivationDisablesTheAccountSoTheUserCannotLogIn() {
        String id = create(uniqueUserName());

        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id, activePatch(false));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("active").asBoolean()).isFalse();
        JsonNode account = accountEventually(id, "disabled");
        assertThat(account.path("canLogin").asBoolean()).isFalse();
        assertThat(account.path("disabledAt").isTextual()).isTrue();
    }

    @Test
    void reactivationEnablesTheAccountAgain() {
        String id = create(uniqueUserName());
        scim.patch("/scim/v2/Users/" + id, activePatch(false));
        accountEventually(id, "disabled");

        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id, activePatch(true));

        assertThat(patched.body().path("active").asBoolean()).isTrue();
        assertThat(accountEventually(id, "active").path("canLogin").asBoolean()).isTrue();
    }

    @Test
    void putWithActiveFalseDeactivatesLikeOktaIntegrationWizardApps() {
        String id = create(uniqueUserName());
        ObjectNode user = (ObjectNode) scim.get("/scim/v2/Users/" + id).body();
        user.put("active", false);

        scim.put("/scim/v2/Users/" + id, user.toString());

        assertThat(accountEventually(id, "disabled").path("canLogin").asBoolean()).isFalse();
    }

    @Test
    void deleteRemovesTheUserFromScimButKeepsADisabledAccount() {
        String id = create(uniqueUserName());
        accountEventually(id, "active");

        HttpCalls.Reply deleted = scim.delete("/scim/v2/Users/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(scim.get("/scim/v2/Users/" + id).status()).isEqualTo(404);
        assertThat(scim.delete("/scim/v2/Users/" + id).status()).isEqualTo(404);
        JsonNode account = accountEventually(id, "disabled");
        assertThat(account.path("deletedInIdentityProvider").asBoolean()).isTrue();
    }

    @Test
    void eventsOfOneUserReachTheTopicInOrderAsCloudEvents() {
        String id = create(uniqueUserName());
        scim.patch("/scim/v2/Users/" + id, activePatch(false));
        scim.patch("/scim/v2/Users/" + id, activePatch(true));

        List<EventTopic.Event> events = await().atMost(EVENTUALLY).until(
                () -> EventTopic.forSubject(EventTopic.readAll(broker.bootstrapServers(), topic), "Users/" + id),
                found -> found.size() >= 3);

        assertThat(events).extracting(EventTopic.Event::type).containsExactly(
                "com.reftab.scim.user.created", "com.reftab.scim.user.deactivated", "com.reftab.scim.user.reactivated");
        assertThat(events).extracting(EventTopic.Event::key).containsOnly("default");
        assertThat(events).extracting(e -> e.value().path("data").path("version").asLong()).containsExactly(1L, 2L, 3L);
        JsonNode deactivated = events.get(1).value();
        assertThat(deactivated.path("specversion").asText()).isEqualTo("1.0");
        assertThat(deactivated.path("source").asText()).isEqualTo("/tenants/default/scim/v2");
        assertThat(deactivated.path("data").path("resource").path("active").asBoolean()).isFalse();
        assertThat(deactivated.path("data").path("resource").has("password")).isFalse();
    }

    @Test
    void eachCommittedEventReachesTheTopicExactlyOnce() {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            subjects.add("Users/" + create(uniqueUserName()));
        }

        List<EventTopic.Event> events = await().atMost(EVENTUALLY).until(
                () -> EventTopic.readAll(broker.bootstrapServers(), topic).stream()
                        .filter(e -> subjects.contains(e.value().path("subject").asText())).toList(),
                found -> found.size() >= subjects.size());

        assertThat(events).extracting(e -> e.value().path("subject").asText()).containsExactlyElementsOf(subjects);
    }

    @Test
    void deactivationIsListedInTheAdminEventLog() {
        String id = create(uniqueUserName());
        scim.patch("/scim/v2/Users/" + id, activePatch(false));

        Set<String> types = new HashSet<>();
        long after = 0;
        for (JsonNode page = admin.get("/api/admin/events?after=0&limit=500").body(); !page.path("events").isEmpty();
             page = admin.get("/api/admin/events?limit=500&after=" + after).body()) {
            page.path("events").forEach(e -> {
                if (e.path("event").path("subject").asText().equals("Users/" + id)) {
                    types.add(e.path("event").path("type").asText());
                }
            });
            after = page.path("next").asLong();
        }
        assertThat(types).contains("com.reftab.scim.user.deactivated");
    }

    @Test
    void importPagesSeeEveryUserExactlyOnce() {
        for (int i = 0; i < 5; i++) {
            create(uniqueUserName());
        }
        int total = scim.get("/scim/v2/Users?count=0").body().path("totalResults").asInt();
        Set<String> seen = new HashSet<>();

        for (int start = 1; start <= total; start += 2) {
            JsonNode page = scim.get("/scim/v2/Users?startIndex=" + start + "&count=2").body();
            assertThat(page.path("startIndex").asInt()).isEqualTo(start);
            assertThat(page.path("itemsPerPage").asInt()).isEqualTo(page.path("Resources").size());
            page.path("Resources").forEach(user -> assertThat(seen.add(user.path("id").asText())).isTrue());
        }

        assertThat(seen).hasSize(total);
    }

    @Test
    void countZeroAnswersOnlyTheTotal() {
        create(uniqueUserName());

        JsonNode page = scim.get("/scim/v2/Users?count=0").body();

        assertThat(page.path("totalResults").asInt()).isPositive();
        assertThat(page.path("itemsPerPage").asInt()).isZero();
        assertThat(page.path("Resources")).isEmpty();
    }
}
