package com.reftab.scim.roles;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.IdLookup;
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
    /** Users worked out per round of reads and batched writes. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final AccessRoles roles;
    private final GroupDirectory groups;
    private final IdLookup ids;

    public RoleMapping(JdbcTemplate jdbc, ObjectMapper mapper, AccessRoles roles, GroupDirectory groups, IdLookup ids) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.roles = roles;
        this.groups = groups;
        this.ids = ids;
    }

    /** @return the users whose role was worked out again */
    @Transactional
    public int apply(String cloudEvent) throws IOException {
        return applyAll(List.of(cloudEvent));
    }

    /**
     * Applies a poll's events in one transaction. A user named by several of them is worked out
     * once: the answer depends on the directory as it is now, not on the events' order.
     *
     * @return the users whose role was worked out again
     */
    @Transactional
    public int applyAll(List<String> cloudEvents) throws IOException {
        Map<String, Set<String>> usersOfTenant = new LinkedHashMap<>();
        for (String cloudEvent : cloudEvents) {
            JsonNode event = mapper.readTree(cloudEvent);
            EventType type = EventType.of(event.path("type").asText());
            if (type == null) {
                continue;
            }
            JsonNode data = event.path("data");
            String tenantId = data.path("tenantId").asText();
            List<String> users = switch (type) {
                case USER_CREATED, USER_UPDATED, USER_DEACTIVATED, USER_REACTIVATED, USER_DELETED -> List.of(data.path("id").asText());
                case GROUP_MEMBERS_ADDED, GROUP_MEMBERS_REMOVED -> memberIds(data.path("members"));
                case GROUP_MAPPING_CHANGED -> groups.memberIds(tenantId, data.path("id").asText());
                case DEFAULT_ROLE_CHANGED -> usersOf(tenantId);
                case GROUP_CREATED, GROUP_UPDATED, GROUP_DELETED -> List.of();
            };
            if (!users.isEmpty()) {
                usersOfTenant.computeIfAbsent(tenantId, tenant -> new LinkedHashSet<>()).addAll(users);
            }
        }
        int worked = 0;
        for (Map.Entry<String, Set<String>> tenant : usersOfTenant.entrySet()) {
            worked += resolve(tenant.getKey(), List.copyOf(tenant.getValue()));
        }
        return worked;
    }

    private int resolve(String tenantId, List<String> users) {
        AccessRole defaultRole = roles.defaultRole(tenantId);
        Timestamp now = Timestamp.from(Instant.now());
        for (int from = 0; from < users.size(); from += CHUNK) {
            List<String> chunk = users.subList(from, Math.min(users.size(), from + CHUNK));
            Map<String, List<AccessRole>> mapped = roles.rolesOfMappedGroups(tenantId, chunk);
            Map<String, String> stored = storedRoles(tenantId, chunk);
            List<Object[]> changed = new ArrayList<>();
            List<Object[]> added = new ArrayList<>();
            for (String userId : chunk) {
                String role = EffectiveRole.resolve(mapped.getOrDefault(userId, List.of()), defaultRole).name();
                String current = stored.get(userId);
                if (current == null) {
                    added.add(new Object[] {tenantId, userId, role, now});
                } else if (!current.equals(role)) {
                    changed.add(new Object[] {role, now, tenantId, userId});
                }
            }
            jdbc.batchUpdate("update account_access set role = ?, updated_at = ? where tenant_id = ? and user_id = ?", changed);
            jdbc.batchUpdate("insert into account_access (tenant_id, user_id, role, updated_at) values (?, ?, ?, ?)", added);
        }
        return users.size();
    }

    private Map<String, String> storedRoles(String tenantId, List<String> userIds) {
        Map<String, String> stored = new HashMap<>();
        ids.query("select user_id, role from account_access where tenant_id = ? and user_id " + IdLookup.IDS, userIds, rs -> {
            stored.put(rs.getString("user_id"), rs.getString("role"));
        }, tenantId);
        return stored;
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
