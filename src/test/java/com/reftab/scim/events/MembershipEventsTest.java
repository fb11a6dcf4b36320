package com.reftab.scim.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Membership changes become events of at most 1,000 members and at most the event bound in bytes. */
class MembershipEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2026-03-01T10:15:30.123Z");

    @Test
    void aThousandMembersFitOneEventAndOneMoreStartsTheNext() {
        MembershipEvents events = new MembershipEvents(JSON, 10_000_000);

        assertThat(split(events, members(1000, 10))).extracting(this::memberCount).containsExactly(1000);
        assertThat(split(events, members(1001, 10))).extracting(this::memberCount).containsExactly(1000, 1);
    }

    @Test
    void membersWithLongDisplayNamesAreSplitSoNoEventPassesTheBound() {
        int bound = 100_000;
        List<ObjectNode> members = members(1000, 512);

        List<ProvisioningEvent> split = split(new MembershipEvents(JSON, bound), members);

        assertThat(split).hasSizeGreaterThan(1);
        assertThat(split).allSatisfy(event -> assertThat(bytes(event)).isLessThanOrEqualTo(bound));
        assertThat(split.stream().flatMap(event -> values(event).stream()).toList())
                .containsExactlyElementsOf(members.stream().map(m -> m.path("value").asText()).toList());
    }

    @Test
    void anEventIsFilledExactlyToTheBoundAndOneByteLessSplitsIt() {
        List<ObjectNode> members = members(3, 100);
        int whole = bytes(split(new MembershipEvents(JSON, Integer.MAX_VALUE), members).get(0));

        assertThat(split(new MembershipEvents(JSON, whole), members)).extracting(this::memberCount).containsExactly(3);
        assertThat(split(new MembershipEvents(JSON, whole - 1), members)).extracting(this::memberCount).containsExactly(2, 1);
    }

    @Test
    void noMembersMakeNoEvent() {
        assertThat(split(new MembershipEvents(JSON, 100_000), List.of())).isEmpty();
    }

    private static List<ProvisioningEvent> split(MembershipEvents events, List<ObjectNode> members) {
        return events.split("t1", "g1", 4, EventType.GROUP_MEMBERS_ADDED, members, TIME);
    }

    /** Members whose display names are this long, in a script of three UTF-8 bytes a character. */
    private static List<ObjectNode> members(int count, int displayLength) {
        List<ObjectNode> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(JsonNodeFactory.instance.objectNode().put("value", UUID.randomUUID().toString())
                    .put("display", "名".repeat(displayLength)));
        }
        return members;
    }

    private int memberCount(ProvisioningEvent event) {
        return event.data().path("members").size();
    }

    private static List<String> values(ProvisioningEvent event) {
        List<String> values = new ArrayList<>();
        for (JsonNode member : event.data().path("members")) {
            values.add(member.path("value").asText());
        }
        return values;
    }

    private static int bytes(ProvisioningEvent event) {
        try {
            return JSON.writeValueAsBytes(event.toCloudEvent()).length;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
