package com.reftab.scim.roles;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.events.EventType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each account's effective access role. An event says whose role may have changed; the role
 * is then worked out again from the directory's current memberships and the tenant's mappings, so
 * replays, duplicates and out-of-order arrival all end in the same, current answer.
 */
@Component("roleMapping")
public class RoleMapping {

    private static final int PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final AccessRoles roles;
    private final GroupDirectory groups;

    public RoleMapping(JdbcTemplate jdbc, ObjectMapper mapper, AccessRoles roles, GroupDirectory groups) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.roles = roles;
        this.groups = groups;
    }

    /** @return the users whose role was worked out again */
    @Transactional
    public int apply(String cloudEvent) throws IOException {
        JsonNode event = mapper.readTree(cloudEvent);
        EventType type = EventType.of(event.path("type").asText());
        JsonNode data = event.path("data");
        String tenantId = data.path("tenantId").asText();
        if (type == null) {
            return 0;
        }
        List<String> users = switch (type) {
            case USER_CREATED, USER_UPDATED, USER_DEACTIVATED, USER_REACTIVATED, USER_DELETED -> List.of(data.path("id").asText());
            case GROUP_MEMBERS_ADDED, GROUP_MEMBERS_REMOVED -> memberIds(data.path("members"));
            case GROUP_MAPPING_CHANGED -> groups.memberIds(tenantId, data.path("id").asText());
            case DEFAULT_ROLE_CHANGED -> usersOf(tenantId);
            case GROUP_CREATED, GROUP_UPDATED, GROUP_DELETED -> List.of();
        };
        if (users.isEmpty()) {
            return 0;
        }
        AccessRole defaultRole = roles.defaultRole(tenantId);
        Instant now = Instant.now();
        for (String userId : users) {
            AccessRole role = EffectiveRole.resolve(roles.rolesOfMappedGroups(tenantId, userId), defaultRole);
            store(tenantId, userId, role.name(), now);
        }
        return users.size();
    }

    private void store(String tenantId, String userId, String role, Instant now) {
        int updated = jdbc.update("update account_access set role = ?, updated_at = ? where tenant_id = ? and user_id = ?"
                + " and role <> ?", role, Timestamp.from(now), tenantId, userId, role);
        if (updated == 0) {
            Integer existing = jdbc.queryForObject("select count(*) from account_access where tenant_id = ? and user_id = ?",
                    Integer.class, tenantId, userId);
            if (existing == null || existing == 0) {
                jdbc.update("insert into account_access (tenant_id, user_id, role, updated_at) values (?, ?, ?, ?)",
                        tenantId, userId, role, Timestamp.from(now));
            }
        }
    }

    private static List<String> memberIds(JsonNode members) {
        List<String> ids = new ArrayList<>();
        members.forEach(member -> ids.add(member.path("value").asText()));
        return ids;
    }

    private List<String> usersOf(String tenantId) {
        List<String> ids = new ArrayList<>();
        String after = "";
        while (true) {
            List<String> page = jdbc.queryForList("select user_id from (select id as user_id from scim_user where tenant_id = ?"
                            + " union select user_id from account_access where tenant_id = ?) u where user_id > ?"
                            + " order by user_id limit ?", String.class, tenantId, tenantId, after, PAGE);
            ids.addAll(page);
            if (page.size() < PAGE) {
                return ids;
            }
            after = page.get(page.size() - 1);
        }
    }
}
