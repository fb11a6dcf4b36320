package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.events.EventSizeLimit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A group push whose members' display names make one membership event larger than the event bound
 * is not refused: its members are announced in several events, each within the bound.
 */
@ScimIntegrationTest
class MembershipEventSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventSizeLimit limit;

    @Test
    void membersWithLongDisplayNamesAreAnnouncedInSeveralEventsEachWithinTheBound() throws Exception {
        HttpCalls scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        List<String> users = createUsers(scim, 630);
        StringBuilder members = new StringBuilder();
        for (String user : users) {
            // 512 characters of three UTF-8 bytes each: the longest display a member can have.
            members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(user).append("\",\"display\":\"")
                    .append("€".repeat(512)).append("\"}");
        }
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Long names "
                + UUID.randomUUID() + "\",\"members\":[" + members + "]}";

        HttpCalls.Reply group = scim.post("/scim/v2/Groups", body);

        assertThat(group.status()).isEqualTo(201);
        List<Map<String, Object>> events = jdbc.queryForList("select payload, payload_bytes from outbox_event"
                + " where subject = ? and type = 'com.reftab.scim.group.members.added' order by seq",
                "Groups/" + group.body().path("id").asText());
        assertThat(events).hasSizeGreaterThan(1);
        Set<String> announced = new HashSet<>();
        for (Map<String, Object> event : events) {
            assertThat(((Number) event.get("payload_bytes")).intValue()).isLessThanOrEqualTo(limit.maxBytes());
            for (JsonNode member : JSON.readTree((String) event.get("payload")).path("data").path("members")) {
                announced.add(member.path("value").asText());
            }
        }
        assertThat(announced).containsExactlyInAnyOrderElementsOf(users);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from outbox_event"
                + " where subject = ? and published_at is null", Integer.class, "Groups/" + group.body().path("id").asText()) == 0);
    }

    private static List<String> createUsers(HttpCalls scim, int count) {
        return new GroupCalls(scim).usersInOneBulk(count,
                i -> oktaUser("member" + i + "-" + UUID.randomUUID() + "@atko.com", "Member", "N" + i));
    }
}
