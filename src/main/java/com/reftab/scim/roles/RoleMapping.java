package com.reftab.scim.roles;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.directory.IdLookup;
import com.reftab.scim.events.EventType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The decisions of the role-mapping route (routes/role-mapping.yaml), which keeps each account's
 * effective access role from the events alone: it keeps its own copy of what the role rule needs
 * (memberships, groups, their mappings, each user's direct roles, each tenant's default role,
 * whether its direct roles are authoritative and which roles it withdrew from its identity provider) in the projected_* tables,
 * and never reads the directory's.
 *
 * <p>First, {@link #applyAll} turns a poll's events into writes of that copy, each guarded by a
 * version in its statement (a membership by its group's version, a user's direct role by the
 * user's version, a mapping, a default role and the direct-roles setting by their own), so that duplicates and late arrivals change nothing; the route writes them. Then
 * {@link #roles} works out the role of every user the events named, from the copy as it now is,
 * so replays and out-of-order arrival end in the same, current answer; the route writes the roles
 * that changed. Both run in the route's one transaction.
 */
@Component("roleMapping")
public class RoleMapping {

    /** A tenant's default role until its first default-role event: the role a new tenant starts with. */
    static final String INITIAL_DEFAULT_ROLE = "User";
    private static final int PAGE = 1000;
    /** Users worked out per round of reads. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final IdLookup ids;

    public RoleMapping(JdbcTemplate jdbc, ObjectMapper mapper, IdLookup ids) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.ids = ids;
    }

    /** One write of the role-mapping route's copy of the events: which statement, and its parameters by name. */
    public record ProjectionWrite(String kind, Map<String, Object> parameters) {
        public static final String GROUP = "group";
        public static final String MEMBER = "member";
        public static final String MAPPING = "mapping";
        public static final String DEFAULT_ROLE = "default-role";
        public static final String DIRECT_ROLE = "direct-role";
        public static final String DIRECT_ROLES_SETTING = "direct-roles-setting";
        public static final String ROLE_OFFER = "role-offer";
    }

    /**
     * What a poll's events change: the writes, in the events' order, and whose role to work out
     * after them (named users, every member of named groups, every user of named tenants).
     */
    public record RoleEvents(List<ProjectionWrite> writes, Map<String, Set<String>> users,
                             Map<String, Set<String>> groups, Set<String> wholeTenants) {
    }

    public RoleEvents apply(String cloudEvent) throws IOException {
        return applyAll(List.of(cloudEvent));
    }

    public RoleEvents applyAll(List<String> cloudEvents) throws IOException {
        RoleEvents events = new RoleEvents(new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashSet<>());
        for (String cloudEvent : cloudEvents) {
            JsonNode event = mapper.readTree(cloudEvent);
            EventType type = EventType.of(event.path("type").asText());
            if (type == null) {
                continue;
            }
            JsonNode data = event.path("data");
            String tenantId = data.path("tenantId").asText();
            String id = data.path("id").asText();
            long version = data.path("version").asLong(0);
            switch (type) {
                case USER_CREATED, USER_UPDATED, USER_DEACTIVATED, USER_REACTIVATED, USER_DELETED -> {
                    List<AccessRole> held = type == EventType.USER_DELETED ? List.of() : directRoles(data.path("directRoles"));
                    AccessRole direct = highestDirectRole(held);
                    events.writes().add(new ProjectionWrite(ProjectionWrite.DIRECT_ROLE, parameters(tenantId, "userId", id,
                            "version", version, "role", direct == null ? null : direct.name(),
                            "precedence", direct == null ? null : direct.precedence(), "roles", rolesText(held))));
                    users(events, tenantId).add(id);
                }
                case GROUP_CREATED, GROUP_UPDATED, GROUP_DELETED -> {
                    events.writes().add(new ProjectionWrite(ProjectionWrite.GROUP, parameters(tenantId, "groupId", id,
                            "version", version, "deleted", type == EventType.GROUP_DELETED)));
                    if (type == EventType.GROUP_DELETED) {
                        groups(events, tenantId).add(id);
                    }
                }
                case GROUP_MEMBERS_ADDED, GROUP_MEMBERS_REMOVED -> {
                    for (JsonNode member : data.path("members")) {
                        String userId = member.path("value").asText();
                        events.writes().add(new ProjectionWrite(ProjectionWrite.MEMBER, parameters(tenantId, "groupId", id,
                                "userId", userId, "version", version, "member", type == EventType.GROUP_MEMBERS_ADDED)));
                        users(events, tenantId).add(userId);
                    }
                }
                case GROUP_MAPPING_CHANGED -> {
                    String role = text(data, "role");
                    events.writes().add(new ProjectionWrite(ProjectionWrite.MAPPING, parameters(tenantId, "groupId", id,
                            "role", role, "precedence", role == null ? null : precedence(role, data.get("precedence")),
                            "version", version)));
                    groups(events, tenantId).add(id);
                }
                case DEFAULT_ROLE_CHANGED -> {
                    events.writes().add(new ProjectionWrite(ProjectionWrite.DEFAULT_ROLE, parameters(tenantId,
                            "role", text(data, "role"), "version", version)));
                    events.wholeTenants().add(tenantId);
                }
                case ROLE_OFFER_CHANGED -> {
                    // Like a default-role change: the role's holders are worked out again, among every user of the tenant.
                    events.writes().add(new ProjectionWrite(ProjectionWrite.ROLE_OFFER, parameters(tenantId,
                            "role", text(data, "role"), "offered", data.path("offered").asBoolean(true), "version", version)));
                    events.wholeTenants().add(tenantId);
                }
                case DIRECT_ROLES_SETTING_CHANGED -> {
                    events.writes().add(new ProjectionWrite(ProjectionWrite.DIRECT_ROLES_SETTING, parameters(tenantId,
                            "authoritative", data.path("directRolesAuthoritative").asBoolean(false), "version", version)));
                    events.wholeTenants().add(tenantId);
                }
            }
        }
        return events;
    }

    /**
     * The role of every user the events named, from the route's copy as the events left it: the
     * rows of account_access to write, for the users whose role is new or changed.
     */
    public List<Map<String, Object>> roles(RoleEvents events) {
        Set<String> tenants = new LinkedHashSet<>(events.users().keySet());
        tenants.addAll(events.groups().keySet());
        tenants.addAll(events.wholeTenants());
        Timestamp now = Timestamp.from(Instant.now());
        List<Map<String, Object>> changed = new ArrayList<>();
        for (String tenantId : tenants) {
            Set<String> users = new LinkedHashSet<>(events.users().getOrDefault(tenantId, Set.of()));
            for (String groupId : events.groups().getOrDefault(tenantId, Set.of())) {
                users.addAll(jdbc.queryForList("select user_id from projected_group_member where tenant_id = ? and group_id = ?"
                        + " and member", String.class, tenantId, groupId));
            }
            if (events.wholeTenants().contains(tenantId)) {
                users.addAll(usersOf(tenantId));
            }
            changed.addAll(resolve(tenantId, List.copyOf(users), now));
        }
        return changed;
    }

    private List<Map<String, Object>> resolve(String tenantId, List<String> users, Timestamp now) {
        AccessRole defaultRole = new AccessRole(defaultRoleName(tenantId), 0, true);
        boolean directAuthoritative = directRolesAuthoritative(tenantId);
        Set<String> withdrawn = withdrawnRoles(tenantId);
        List<Map<String, Object>> changed = new ArrayList<>();
        for (int from = 0; from < users.size(); from += CHUNK) {
            List<String> chunk = users.subList(from, Math.min(users.size(), from + CHUNK));
            Map<String, List<RoleGrant>> mapped = rolesOfMappedGroups(tenantId, chunk);
            Map<String, List<AccessRole>> direct = directRoles(tenantId, chunk, withdrawn);
            Map<String, List<String>> stored = storedRoles(tenantId, chunk);
            for (String userId : chunk) {
                RoleGrant grant = EffectiveRole.decide(mapped.getOrDefault(userId, List.of()),
                        direct.getOrDefault(userId, List.of()), defaultRole, directAuthoritative);
                List<String> decided = Arrays.asList(grant.role().name(), grant.origin().text(), grant.groupId());
                if (!decided.equals(stored.get(userId))) {
                    changed.add(parameters(tenantId, "userId", userId, "role", grant.role().name(),
                            "origin", grant.origin().text(), "originGroup", grant.groupId(), "updatedAt", now));
                }
            }
        }
        return changed;
    }

    /** The direct roles a user event carries. */
    private static List<AccessRole> directRoles(JsonNode directRoles) {
        List<AccessRole> roles = new ArrayList<>();
        for (JsonNode role : directRoles) {
            String name = text(role, "role");
            if (name != null) {
                roles.add(new AccessRole(name, precedence(name, role.get("precedence")), true));
            }
        }
        return roles;
    }

    /** The highest-precedence of a user's direct roles (none: null). */
    private static AccessRole highestDirectRole(List<AccessRole> roles) {
        RoleGrant grant = EffectiveRole.decide(List.of(), roles, null, true);
        return grant.origin() == RoleGrant.Origin.DIRECT ? grant.role() : null;
    }

    private String rolesText(List<AccessRole> roles) {
        return RoleAssignments.eventData(roles).toString();
    }

    /** The roles the tenant withdrew from its identity provider, as their latest role-offer events told it. */
    private Set<String> withdrawnRoles(String tenantId) {
        return new java.util.HashSet<>(jdbc.queryForList("select role from projected_role_offer where tenant_id = ?"
                + " and not offered", String.class, tenantId));
    }

    private boolean directRolesAuthoritative(String tenantId) {
        return jdbc.queryForList("select authoritative from projected_direct_roles_setting where tenant_id = ?",
                Boolean.class, tenantId).stream().findFirst().orElse(false);
    }

    /**
     * Each user's direct roles as their latest user event told them, without the withdrawn ones
     * (a role the tenant no longer offers grants nothing). A row written before the list was kept
     * has its highest role alone.
     */
    private Map<String, List<AccessRole>> directRoles(String tenantId, List<String> userIds, Set<String> withdrawn) {
        Map<String, List<AccessRole>> roles = new HashMap<>();
        ids.query("select user_id, role, role_precedence, roles from projected_direct_role where role is not null"
                + " and tenant_id = ? and user_id " + IdLookup.IDS, userIds, rs -> {
                    List<AccessRole> held;
                    String list = rs.getString("roles");
                    if (list == null) {
                        held = List.of(new AccessRole(rs.getString("role"), rs.getInt("role_precedence"), true));
                    } else {
                        try {
                            held = directRoles(mapper.readTree(list));
                        } catch (IOException e) {
                            throw new IllegalStateException("projected_direct_role.roles is not JSON", e);
                        }
                    }
                    roles.put(rs.getString("user_id"), held.stream().filter(role -> !withdrawn.contains(role.name())).toList());
                }, tenantId);
        return roles;
    }

    private String defaultRoleName(String tenantId) {
        return jdbc.queryForList("select role from projected_default_role where tenant_id = ?", String.class, tenantId)
                .stream().findFirst().orElse(INITIAL_DEFAULT_ROLE);
    }

    /** The roles each user's groups are mapped to, from the memberships and mappings the events told. */
    private Map<String, List<RoleGrant>> rolesOfMappedGroups(String tenantId, List<String> userIds) {
        Map<String, List<RoleGrant>> roles = new HashMap<>();
        ids.query("select m.user_id, m.group_id, g.role, g.role_precedence from projected_group_member m"
                        + " join projected_group g on g.tenant_id = m.tenant_id and g.group_id = m.group_id"
                        + " where m.member and not g.deleted and g.role is not null"
                        + " and m.tenant_id = ? and m.user_id " + IdLookup.IDS,
                userIds, rs -> {
                    roles.computeIfAbsent(rs.getString("user_id"), id -> new ArrayList<>())
                            .add(RoleGrant.ofGroup(new AccessRole(rs.getString("role"), rs.getInt("role_precedence"), true),
                                    rs.getString("group_id")));
                }, tenantId);
        return roles;
    }

    /** Each user's stored role, its origin and the group it comes from. */
    private Map<String, List<String>> storedRoles(String tenantId, List<String> userIds) {
        Map<String, List<String>> stored = new HashMap<>();
        ids.query("select user_id, role, role_origin, role_origin_group from account_access where tenant_id = ? and user_id "
                + IdLookup.IDS, userIds, rs -> {
            stored.put(rs.getString("user_id"),
                    Arrays.asList(rs.getString("role"), rs.getString("role_origin"), rs.getString("role_origin_group")));
        }, tenantId);
        return stored;
    }

    /** Every user the route has given a role: each user event and membership gives one. */
    private List<String> usersOf(String tenantId) {
        List<String> users = new ArrayList<>();
        String after = "";
        while (true) {
            List<String> page = jdbc.queryForList("select user_id from account_access where tenant_id = ? and user_id > ?"
                    + " order by user_id limit ?", String.class, tenantId, after, PAGE);
            users.addAll(page);
            if (page.size() < PAGE) {
                return users;
            }
            after = page.get(page.size() - 1);
        }
    }

    /** The event's precedence; events without one name one of Reftab's standard roles. */
    private static int precedence(String role, JsonNode precedence) {
        if (precedence != null && precedence.isInt()) {
            return precedence.intValue();
        }
        return AccessRoles.DEFAULTS.stream().filter(standard -> standard.name().equals(role))
                .mapToInt(AccessRole::precedence).findFirst().orElse(0);
    }

    private static Set<String> users(RoleEvents events, String tenantId) {
        return events.users().computeIfAbsent(tenantId, tenant -> new LinkedHashSet<>());
    }

    private static Set<String> groups(RoleEvents events, String tenantId) {
        return events.groups().computeIfAbsent(tenantId, tenant -> new LinkedHashSet<>());
    }

    private static Map<String, Object> parameters(String tenantId, Object... namesAndValues) {
        // A HashMap, since a role may be null (a group unmapped).
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenantId", tenantId);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
