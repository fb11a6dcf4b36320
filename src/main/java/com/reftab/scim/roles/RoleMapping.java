package com.reftab.scim.roles;

import java.io.IOException;
import java.lang.reflect.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
    /**
     * Rows written by one statement at most, as many as are worked out per round of reads: it
     * bounds a statement's arrays (some 20 KB of ids) however large a poll or a tenant-wide change is.
     */
    public static final int ROWS_PER_STATEMENT = 500;
    private static final String ACCOUNT_ACCESS = "account-access";
    /** The columns of each kind written many rows at a time: their parameter names and types, in order. */
    private static final List<Column> MEMBER_COLUMNS = List.of(new Column("groupIds", String.class),
            new Column("userIds", String.class), new Column("versions", Long.class), new Column("members", Boolean.class));
    private static final List<Column> DIRECT_ROLE_COLUMNS = List.of(new Column("userIds", String.class),
            new Column("versions", Long.class), new Column("roles", String.class), new Column("precedences", Integer.class),
            new Column("roleLists", String.class));
    private static final List<Column> ACCOUNT_ACCESS_COLUMNS = List.of(new Column("userIds", String.class),
            new Column("roles", String.class), new Column("origins", String.class), new Column("originGroups", String.class));

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final IdLookup ids;

    public RoleMapping(JdbcTemplate jdbc, ObjectMapper mapper, IdLookup ids) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.ids = ids;
    }

    /**
     * One write of the role-mapping route's copy of the events: which statement, and its parameters
     * by name. A membership or direct-role write is many rows: its parameters are the tenant and one
     * array per column, the rows' keys all different, so the route's statement (a MERGE from their
     * {@code unnest}) meets each row of its table once.
     */
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
        // Memberships and direct roles come many to a poll (a push of 256 members is one event):
        // they are written as rows of one statement each, not one statement per row.
        RowStatements rows = new RowStatements(events.writes(), Map.of());
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
                    rows.add(ProjectionWrite.DIRECT_ROLE, tenantId, id, DIRECT_ROLE_COLUMNS, id, version,
                            direct == null ? null : direct.name(), direct == null ? null : direct.precedence(), rolesText(held));
                    users(events, tenantId).add(id);
                }
                case GROUP_CREATED, GROUP_UPDATED, GROUP_DELETED -> {
                    rows.add(new ProjectionWrite(ProjectionWrite.GROUP, parameters(tenantId, "groupId", id,
                            "version", version, "deleted", type == EventType.GROUP_DELETED)));
                    if (type == EventType.GROUP_DELETED) {
                        groups(events, tenantId).add(id);
                    }
                }
                case GROUP_MEMBERS_ADDED, GROUP_MEMBERS_REMOVED -> {
                    for (JsonNode member : data.path("members")) {
                        String userId = member.path("value").asText();
                        rows.add(ProjectionWrite.MEMBER, tenantId, id + "/" + userId, MEMBER_COLUMNS, id, userId, version,
                                type == EventType.GROUP_MEMBERS_ADDED);
                        users(events, tenantId).add(userId);
                    }
                }
                case GROUP_MAPPING_CHANGED -> {
                    String role = text(data, "role");
                    rows.add(new ProjectionWrite(ProjectionWrite.MAPPING, parameters(tenantId, "groupId", id,
                            "role", role, "precedence", role == null ? null : precedence(role, data.get("precedence")),
                            "version", version)));
                    groups(events, tenantId).add(id);
                }
                case DEFAULT_ROLE_CHANGED -> {
                    rows.add(new ProjectionWrite(ProjectionWrite.DEFAULT_ROLE, parameters(tenantId,
                            "role", text(data, "role"), "version", version)));
                    events.wholeTenants().add(tenantId);
                }
                case ROLE_OFFER_CHANGED -> {
                    // Like a default-role change: the role's holders are worked out again, among every user of the tenant.
                    rows.add(new ProjectionWrite(ProjectionWrite.ROLE_OFFER, parameters(tenantId,
                            "role", text(data, "role"), "offered", data.path("offered").asBoolean(true), "version", version)));
                    events.wholeTenants().add(tenantId);
                }
                case DIRECT_ROLES_SETTING_CHANGED -> {
                    rows.add(new ProjectionWrite(ProjectionWrite.DIRECT_ROLES_SETTING, parameters(tenantId,
                            "authoritative", data.path("directRolesAuthoritative").asBoolean(false), "version", version)));
                    events.wholeTenants().add(tenantId);
                }
            }
        }
        rows.flush();
        return events;
    }

    /**
     * The role of every user the events named, from the route's copy as the events left it: the
     * rows of account_access to write, for the users whose role is new or changed, as statements of
     * many rows each (a tenant's, at most {@value #ROWS_PER_STATEMENT}).
     */
    public List<Map<String, Object>> roles(RoleEvents events) {
        Set<String> tenants = new LinkedHashSet<>(events.users().keySet());
        tenants.addAll(events.groups().keySet());
        tenants.addAll(events.wholeTenants());
        List<ProjectionWrite> statements = new ArrayList<>();
        RowStatements rows = new RowStatements(statements, Map.of("updatedAt", Timestamp.from(Instant.now())));
        for (String tenantId : tenants) {
            Set<String> users = new LinkedHashSet<>(events.users().getOrDefault(tenantId, Set.of()));
            for (String groupId : events.groups().getOrDefault(tenantId, Set.of())) {
                users.addAll(jdbc.queryForList("select user_id from projected_group_member where tenant_id = ? and group_id = ?"
                        + " and member", String.class, tenantId, groupId));
            }
            if (events.wholeTenants().contains(tenantId)) {
                users.addAll(usersOf(tenantId));
            }
            resolve(tenantId, List.copyOf(users), rows);
        }
        rows.flush();
        return statements.stream().map(ProjectionWrite::parameters).toList();
    }

    private void resolve(String tenantId, List<String> users, RowStatements changed) {
        AccessRole defaultRole = new AccessRole(defaultRoleName(tenantId), 0, true);
        boolean directAuthoritative = directRolesAuthoritative(tenantId);
        Set<String> withdrawn = withdrawnRoles(tenantId);
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
                    changed.add(ACCOUNT_ACCESS, tenantId, userId, ACCOUNT_ACCESS_COLUMNS, userId, grant.role().name(),
                            grant.origin().text(), grant.groupId());
                }
            }
        }
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
        return new HashSet<>(jdbc.queryForList("select role from projected_role_offer where tenant_id = ?"
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

    private record Column(String parameter, Class<?> type) {
    }

    /**
     * Gathers the rows of consecutive writes of one kind and tenant into statements of
     * {@value #ROWS_PER_STATEMENT} rows at most. A key met again starts a new statement, since
     * one MERGE may not change a row twice; the statements keep the events' order.
     */
    private static final class RowStatements {

        private final List<ProjectionWrite> statements;
        /** Parameters every statement has besides its rows. */
        private final Map<String, Object> shared;
        private String kind;
        private String tenantId;
        private List<Column> columns;
        private final Set<String> keys = new HashSet<>();
        private final List<Object[]> rows = new ArrayList<>();

        RowStatements(List<ProjectionWrite> statements, Map<String, Object> shared) {
            this.statements = statements;
            this.shared = shared;
        }

        void add(String kind, String tenantId, String key, List<Column> columns, Object... row) {
            if (!kind.equals(this.kind) || !tenantId.equals(this.tenantId) || keys.contains(key)
                    || rows.size() == ROWS_PER_STATEMENT) {
                flush();
                this.kind = kind;
                this.tenantId = tenantId;
                this.columns = columns;
            }
            keys.add(key);
            rows.add(row);
        }

        /** A write of one row, in its place among the others. */
        void add(ProjectionWrite write) {
            flush();
            statements.add(write);
        }

        void flush() {
            if (rows.isEmpty()) {
                return;
            }
            Map<String, Object> parameters = parameters(tenantId);
            parameters.putAll(shared);
            for (int c = 0; c < columns.size(); c++) {
                Object[] values = (Object[]) Array.newInstance(columns.get(c).type(), rows.size());
                for (int r = 0; r < rows.size(); r++) {
                    values[r] = rows.get(r)[c];
                }
                parameters.put(columns.get(c).parameter(), values);
            }
            statements.add(new ProjectionWrite(kind, parameters));
            kind = null;
            keys.clear();
            rows.clear();
        }
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
