package com.reftab.scim.directory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import com.reftab.scim.directory.ResourceTable.Positioned;
import com.reftab.scim.directory.ScimFilterToSql.Column;
import com.reftab.scim.directory.ScimFilterToSql.SqlCondition;
import com.reftab.scim.directory.ScimFilterToSql.SqlOrder;
import com.reftab.scim.directory.ScimFilterToSql.ValueType;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.RoleSchema;
import com.reftab.scim.protocol.filter.FilterLimits;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The access roles a tenant offers to its identity provider, as the {@code /Roles} resource type
 * finds them; a withdrawn role is not found at all. Listed by precedence, highest first, then name;
 * filtered and sorted in SQL like every other type. Roles are never written over SCIM, so nothing
 * here locks: {@link #findForUpdate} only reads.
 *
 * <p>A role has no creation sequence, so a cursor page (RFC 9865) names a position in that order.
 */
@Repository
public class RoleDirectory implements ResourceStore<StoredRole> {

    static final ScimFilterToSql FILTERS = new ScimFilterToSql("r", RoleSchema.SCHEMA,
            Map.of("id", Column.text("r.name", true),
                    "displayname", Column.text("lower(r.name)", false),
                    "description", Column.text("lower(r.description)", false),
                    "canlogin", new Column("r.can_login", ValueType.BOOLEAN, false)),
            null, Map.of());

    private static final String SELECT = "select r.tenant_id, r.name, r.description, r.can_login, r.version"
            + " from access_role r where r.tenant_id = ? and r.offered_to_idp = true";
    private static final String ORDER = "r.precedence desc, r.name";
    private static final RowMapper<StoredRole> ROLE = (rs, row) -> new StoredRole(rs.getString("tenant_id"),
            rs.getString("name"), rs.getString("description"), rs.getBoolean("can_login"), rs.getLong("version"));

    private final JdbcTemplate jdbc;

    public RoleDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param id as the request path has it: a role's name, percent-encoded where it has a space or the like */
    @Override
    public Optional<StoredRole> find(String tenantId, String id) {
        String name;
        try {
            // A path segment: '+' is itself there, not a space as in a form.
            name = URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.query(SELECT + " and r.name = ?", ROLE, tenantId, name).stream().findFirst();
    }

    @Override
    public Optional<StoredRole> findForUpdate(String tenantId, String id) {
        return find(tenantId, id);
    }

    @Override
    public ListQuery.Page<StoredRole> list(String tenantId, ListQuery query, FilterLimits limits, int maxResults) {
        return TablePages.run(query, FILTERS, limits, new Offered(tenantId), maxResults);
    }

    /** The offered roles of one tenant as a table to list. */
    private final class Offered implements TablePages.Table<StoredRole> {

        private final String tenantId;

        Offered(String tenantId) {
            this.tenantId = tenantId;
        }

        @Override
        public long count(SqlCondition condition) {
            Long count = jdbc.queryForObject("select count(*) from (" + SELECT + where(condition) + ") offered",
                    Long.class, parameters(condition).toArray());
            return count == null ? 0 : count;
        }

        @Override
        public List<StoredRole> page(SqlCondition condition, SqlOrder order, long offset, int limit) {
            List<Object> parameters = parameters(condition);
            if (order != null) {
                parameters.addAll(order.parameters());
            }
            parameters.add(limit);
            parameters.add(offset);
            return jdbc.query(SELECT + where(condition) + " order by " + (order == null ? "" : order.sql() + ", ") + ORDER
                    + " limit ? offset ?", ROLE, parameters.toArray());
        }

        /** The position in list order stands for the sequence a role does not have. */
        @Override
        public List<Positioned<StoredRole>> pageAfter(SqlCondition condition, long afterSeq, int limit) {
            List<StoredRole> roles = page(condition, null, afterSeq, limit);
            return IntStream.range(0, roles.size()).mapToObj(i -> new Positioned<>(afterSeq + i + 1, roles.get(i))).toList();
        }

        private String where(SqlCondition condition) {
            return condition == null ? "" : " and (" + condition.sql() + ")";
        }

        private List<Object> parameters(SqlCondition condition) {
            List<Object> parameters = new ArrayList<>();
            parameters.add(tenantId);
            if (condition != null) {
                parameters.addAll(condition.parameters());
            }
            return parameters;
        }
    }
}
