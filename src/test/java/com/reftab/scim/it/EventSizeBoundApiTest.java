package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.ReftabScimApplication;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The event bound as a client meets it, with a bound small enough to reach with an ordinary user:
 * a write whose event is exactly at the bound is accepted; a write just over it is 400
 * invalidValue naming the bound, and nothing of it changes: not the user, not its version, no
 * event. The events stay in the outbox here (Kafka is not part of this test). Exactly one byte over
 * is {@code EventSizeBoundTest}'s: here the server's clock is in the event, and a timestamp at a
 * whole second prints four characters shorter, so "just over" is {@value #OVER} bytes.
 */
@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "reftab.kafka.brokers=127.0.0.1:9",
        "camel.component.kafka.brokers=127.0.0.1:9",
        "spring.datasource.url=jdbc:h2:mem:event-size-bound-api;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/event-size-bound-api",
        "reftab.scim.token=" + EventSizeBoundApiTest.SCIM_TOKEN,
        "reftab.admin.token=event-size-bound-admin",
        "reftab.scim.rate-limit.per-minute=0",
        "reftab.events.max-event-bytes=" + EventSizeBoundApiTest.BOUND
})
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EventSizeBoundApiTest {

    static final String SCIM_TOKEN = "event-size-bound-scim";
    static final int BOUND = 3072;
    /** More than the two timestamps (time, meta.lastModified) can shrink by together. */
    static final int OVER = 9;

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    HttpCalls scim;

    @BeforeEach
    void startWithoutKafka() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, "account-projection", route -> route.replaceFromWith("direct:idle-projection"));
            AdviceWith.adviceWith(camelContext, "role-mapping", route -> route.replaceFromWith("direct:idle-role-mapping"));
            AdviceWith.adviceWith(camelContext, "outbox-relay", route -> route.replaceFromWith("direct:idle-relay"));
            camelContext.start();
        }
        scim = new HttpCalls(port, SCIM_TOKEN);
    }

    @Test
    void aChangeWhoseEventIsAtTheBoundIsAcceptedAndOneJustOverIsRefusedChangingNothing() {
        String id = createUser();
        String atBound = titleForEventOf(id, BOUND);

        JsonNode before = scim.get("/scim/v2/Users/" + id).body();
        int eventsBefore = events(id);
        HttpCalls.Reply over = scim.patch("/scim/v2/Users/" + id, titlePatch(atBound + "t".repeat(OVER)));

        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().path("scimType").asText()).isEqualTo("invalidValue");
        assertThat(over.body().path("detail").asText()).contains(BOUND + " bytes");
        assertThat(scim.get("/scim/v2/Users/" + id).body()).isEqualTo(before);
        assertThat(events(id)).isEqualTo(eventsBefore);
    }

    @Test
    void inABulkRequestOnlyTheOperationOverTheBoundFails() {
        String id = createUser();
        String atBound = titleForEventOf(id, BOUND);
        String other = createUser();

        HttpCalls.Reply bulk = scim.post("/scim/v2/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"Operations\":[" + patchOperation(id, atBound + "t".repeat(OVER)) + "," + patchOperation(other, "Engineer") + "]}");

        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.body().path("Operations")).extracting(result -> result.path("status").asText())
                .containsExactly("400", "200");
        assertThat(bulk.body().path("Operations").get(0).path("response").path("detail").asText()).contains(BOUND + " bytes");
        assertThat(scim.get("/scim/v2/Users/" + other).body().path("title").asText()).isEqualTo("Engineer");
        assertThat(scim.get("/scim/v2/Users/" + id).body().path("title").asText()).isEqualTo(atBound);
    }

    private String createUser() {
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser("bound-" + UUID.randomUUID() + "@atko.com", "Bo", "Und"));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    /**
     * Grows the user (strings are at most 512 characters: several attributes, then the title) until
     * the update's event is exactly {@code bytes} long, measured from the outbox, and returns the
     * title. A timestamp at a whole second prints shorter, so the size is checked until it is exact.
     */
    private String titleForEventOf(String id, int bytes) {
        for (String filler : List.of("nickName", "userType", "preferredLanguage", "timezone")) {
            if (bytes - lastEventBytes(id) > 400) {
                patchOk(id, filler, "f".repeat(Math.min(512, bytes - lastEventBytes(id) - 200)));
            }
        }
        String title = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            int size = lastEventBytes(id);
            if (size == bytes && !title.isEmpty()) {
                return title;
            }
            title = "t".repeat(Math.max(1, title.length() + bytes - size - (title.isEmpty() ? 12 : 0)));
            patchOk(id, "title", title);
        }
        assertThat(lastEventBytes(id)).isEqualTo(bytes);
        return title;
    }

    private void patchOk(String id, String attribute, String value) {
        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id, patch(attribute, value));
        assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
    }

    private int lastEventBytes(String id) {
        List<Integer> sizes = jdbc.queryForList("select payload_bytes from outbox_event where subject = ? order by seq desc",
                Integer.class, "Users/" + id);
        return sizes.get(0);
    }

    private int events(String id) {
        Integer count = jdbc.queryForObject("select count(*) from outbox_event where subject = ?", Integer.class, "Users/" + id);
        return count == null ? -1 : count;
    }

    private static String patch(String attribute, String value) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"" + attribute + "\",\"value\":\"" + value + "\"}]}";
    }

    private static String titlePatch(String title) {
        return patch("title", title);
    }

    private static String patchOperation(String id, String title) {
        return "{\"method\":\"PATCH\",\"path\":\"/Users/" + id + "\",\"data\":" + titlePatch(title) + "}";
    }
}
