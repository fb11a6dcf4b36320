package com.reftab.scim.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.GroupSchema;
import com.reftab.scim.directory.ScimFilterToSql.ChildRows;
import com.reftab.scim.directory.ScimFilterToSql.Column;
import com.reftab.scim.directory.ScimFilterToSql.ValueType;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The SCIM groups of every tenant and their memberships, one row per member. Membership changes
 * are inserts and deletes of member rows, never a rewrite of the whole list. Every statement is
 * tenant-scoped with bound parameters; rows for a list of ids are found by key ({@link IdLookup}).
 */
@Repository
public class GroupDirectory extends TableStore<StoredGroup> {

    public static final ScimFilterToSql FILTERS = new ScimFilterToSql("g", GroupSchema.SCHEMA,
            Map.of("id", Column.text("g.id", true),
                    "displayname", Column.text("g.display_name_key", false),
                    "externalid", Column.text("g.external_id", true),
                    "meta.created", new Column("g.created_at", ValueType.DATE_TIME, false),
                    "meta.lastmodified", new Column("g.last_modified", ValueType.DATE_TIME, false)),
            null,
            Map.of("members", new ChildRows("scim_group_member", "%s.tenant_id = g.tenant_id and %s.group_id = g.id",
                    Map.of("value", Column.text("%s.member_id", true),
                            "display", Column.text("lower(%s.display)", false),
                            "type", Column.text("'user'", false),
                            "$ref", Column.reference("%s.member_id", "Users")))));

    private static final String COLUMNS = "g.tenant_id, g.id, g.display_name, g.external_id, g.version, g.created_at, g.last_modified";

    private static final RowMapper<StoredGroup> ROW_MAPPER = GroupDirectory::mapRow;

    private final JdbcTemplate jdbc;
    private final IdLookup ids;

    public GroupDirectory(JdbcTemplate jdbc, IdLookup ids) {
        super(new ResourceTable<>(jdbc, "scim_group", "g", COLUMNS, ROW_MAPPER), FILTERS);
        this.jdbc = jdbc;
        this.ids = ids;
    }

    /** Takes the tenant's write lock first ({@link TenantWriteLock}). */
    public void insert(StoredGroup group) {
        table.lockTenant(group.tenantId());
        jdbc.update("insert into scim_group (tenant_id, id, display_name, display_name_key, external_id, version,"
                        + " created_at, last_modified) values (?, ?, ?, ?, ?, ?, ?, ?)",
                group.tenantId(), group.id(), group.displayName(), key(group.displayName()), group.externalId(),
                group.version(), Timestamp.from(group.created()), Timestamp.from(group.lastModified()));
    }

    public void update(StoredGroup group) {
        jdbc.update("update scim_group set display_name = ?, display_name_key = ?, external_id = ?, version = ?,"
                        + " last_modified = ? where tenant_id = ? and id = ?",
                group.displayName(), key(group.displayName()), group.externalId(), group.version(),
                Timestamp.from(group.lastModified()), group.tenantId(), group.id());
    }

    public void delete(String tenantId, String id) {
        jdbc.update("delete from scim_group_member where tenant_id = ? and group_id = ?", tenantId, id);
        jdbc.update("delete from scim_group where tenant_id = ? and id = ?", tenantId, id);
    }

    /** Members in the order they were added. */
    /** A member with its position in the group, for reading a large group's members a chunk at a time. */
    public record PositionedMember(long seq, Member member) {
    }

    /** The next {@code limit} members after position {@code afterSeq}, in the order they joined. */
    public List<PositionedMember> membersAfter(String tenantId, String groupId, long afterSeq, int limit) {
        return jdbc.query("select seq, member_id, display from scim_group_member where tenant_id = ? and group_id = ?"
                        + " and seq > ? order by tenant_id, group_id, seq limit ?",
                (rs, row) -> new PositionedMember(rs.getLong("seq"), new Member(rs.getString("member_id"), rs.getString("display"))),
                tenantId, groupId, afterSeq, limit);
    }

    public List<String> memberIds(String tenantId, String groupId) {
        return jdbc.queryForList("select member_id from scim_group_member where tenant_id = ? and group_id = ? order by tenant_id, group_id, seq",
                String.class, tenantId, groupId);
    }

    public long memberCount(String tenantId, String groupId) {
        Long count = jdbc.queryForObject("select count(*) from scim_group_member where tenant_id = ? and group_id = ?",
                Long.class, tenantId, groupId);
        return count == null ? 0 : count;
    }

    /** Which of these ids are members of the group now. */
    public Set<String> presentMembers(String tenantId, String groupId, Collection<String> memberIds) {
        Set<String> present = new HashSet<>();
        ids.query("select member_id from scim_group_member where tenant_id = ? and group_id = ? and member_id " + IdLookup.IDS,
                memberIds, rs -> {
                    present.add(rs.getString("member_id"));
                }, tenantId, groupId);
        return present;
    }

    /** Which of these ids are users of the tenant. */
    public Set<String> existingUsers(String tenantId, Collection<String> userIds) {
        Set<String> existing = new HashSet<>();
        ids.query("select id from scim_user where tenant_id = ? and id " + IdLookup.IDS, userIds, rs -> {
            existing.add(rs.getString("id"));
        }, tenantId);
        return existing;
    }

    public void addMembers(String tenantId, String groupId, Collection<Member> members) {
        List<Object[]> rows = members.stream()
                .map(m -> new Object[] {tenantId, groupId, m.value(), m.display()}).toList();
        jdbc.batchUpdate("insert into scim_group_member (tenant_id, group_id, member_id, display) values (?, ?, ?, ?)", rows);
    }

    public void removeMembers(String tenantId, String groupId, Collection<String> memberIds) {
        List<Object[]> rows = memberIds.stream().map(id -> new Object[] {tenantId, groupId, id}).toList();
        jdbc.batchUpdate("delete from scim_group_member where tenant_id = ? and group_id = ? and member_id = ?", rows);
    }

    /** The groups each of these users belongs to, for their read-only {@code groups} attribute. */
    public Map<String, List<Member>> groupsOf(String tenantId, Collection<String> userIds) {
        Map<String, List<Member>> groups = new LinkedHashMap<>();
        ids.query("select m.member_id, g.id, g.display_name from scim_group_member m"
                        + " join scim_group g on g.tenant_id = m.tenant_id and g.id = m.group_id"
                        + " where m.tenant_id = ? and m.member_id " + IdLookup.IDS + " order by g.display_name_key",
                userIds, rs -> {
                    groups.computeIfAbsent(rs.getString("member_id"), k -> new ArrayList<>())
                            .add(new Member(rs.getString("id"), rs.getString("display_name")));
                }, tenantId);
        return groups;
    }

    /** The groups a user belongs to, locked, so their versions can move with the membership change. */
    public List<StoredGroup> groupsOfForUpdate(String tenantId, String userId) {
        table.lockTenant(tenantId);
        return jdbc.query("select " + COLUMNS + " from scim_group g where g.tenant_id = ? and g.id in"
                + " (select m.group_id from scim_group_member m where m.tenant_id = ? and m.member_id = ?)"
                + " order by g.id for update", ROW_MAPPER, tenantId, tenantId, userId);
    }

    private static String key(String value) {
        return ResourceSchema.caseInsensitiveKey(value);
    }

    private static StoredGroup mapRow(ResultSet rs, int row) throws SQLException {
        return new StoredGroup(rs.getString("tenant_id"), rs.getString("id"), rs.getString("display_name"),
                rs.getString("external_id"), rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_modified").toInstant());
    }
}
