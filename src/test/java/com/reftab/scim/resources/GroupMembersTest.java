package com.reftab.scim.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.IdLookup;
import com.reftab.scim.directory.StoredGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import com.reftab.scim.protocol.AttributeSelection;

/** A group's members are written a chunk at a time from the directory: all of them, once, in the order they joined. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:group-members;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/group-members"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({GroupDirectory.class, IdLookup.class})
class GroupMembersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    GroupDirectory groups;

    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "t-" + UUID.randomUUID();
    private final String groupId = UUID.randomUUID().toString();

    @BeforeEach
    void tenantWithAGroup() {
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", tenant, "Test", Timestamp.from(NOW));
        groups.insert(new StoredGroup(tenant, groupId, "Everyone", null, 1, NOW, NOW));
    }

    /** Members who joined in this order, straight into the tables. */
    private List<String> members(int count) {
        List<String> ids = new ArrayList<>();
        List<Object[]> users = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            users.add(new Object[] {tenant, id, id + "@atko.com", id + "@atko.com", true, "{}", 1L, Timestamp.from(NOW), Timestamp.from(NOW)});
            rows.add(new Object[] {tenant, groupId, id, "Member " + i});
        }
        jdbc.batchUpdate("insert into scim_user (tenant_id, id, user_name, user_name_key, active, resource, version,"
                + " created_at, last_modified) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", users);
        for (Object[] row : rows) {
            jdbc.update("insert into scim_group_member (tenant_id, group_id, member_id, display) values (?, ?, ?, ?)", row);
        }
        return ids;
    }

    private JsonNode written(AttributeSelection selection) throws Exception {
        return JSON.readTree(JSON.writeValueAsBytes(new POJONode(
                new GroupMembers(groups, tenant, groupId, "https://reftab.example", selection))));
    }

    @Test
    void everyMemberIsWrittenOnceInTheOrderTheyJoinedAcrossChunks() throws Exception {
        List<String> joined = members(GroupMembers.CHUNK * 2 + 1);

        JsonNode members = written(AttributeSelection.of(null, null));

        List<String> values = new ArrayList<>();
        members.forEach(member -> values.add(member.path("value").asText()));
        assertThat(values).containsExactlyElementsOf(joined);
        assertThat(members.get(0).path("$ref").asText()).isEqualTo("https://reftab.example/scim/v2/Users/" + joined.get(0));
        assertThat(members.get(0).path("type").asText()).isEqualTo("User");
        assertThat(members.get(0).path("display").asText()).isEqualTo("Member 0");
    }

    @Test
    void eachMemberHasOnlyTheSubAttributesSelected() throws Exception {
        members(2);

        JsonNode members = written(AttributeSelection.of("members.value", null));

        assertThat(members).hasSize(2).allSatisfy(member -> assertThat(member.size()).isEqualTo(1));
    }

    @Test
    void aGroupWithoutMembersHasAnEmptyList() throws Exception {
        assertThat(written(AttributeSelection.of(null, null))).isEmpty();
    }
}
