package com.reftab.scim.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.reftab.scim.directory.ScimFilterToSql.SqlCondition;
import com.reftab.scim.directory.ScimFilterToSql.SqlOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The reads every SCIM resource table answers alike: by id (optionally locking the row), and
 * filtered pages in creation order ({@code seq}), which stays stable while resources are added,
 * so an import that pages through sees each resource once. Always scoped to one tenant.
 */
public final class ResourceTable<T> {

    private final JdbcTemplate jdbc;
    private final String table;
    private final String alias;
    private final String columns;
    private final RowMapper<T> rowMapper;
    private final String pageColumns;
    private final TenantWriteLock tenantLock;
    private final PageContinuations continuations = new PageContinuations();

    ResourceTable(JdbcTemplate jdbc, String table, String alias, String columns, RowMapper<T> rowMapper) {
        this(jdbc, table, alias, columns, null, rowMapper);
    }

    private ResourceTable(JdbcTemplate jdbc, String table, String alias, String columns, String pageColumns,
                          RowMapper<T> rowMapper) {
        this.jdbc = jdbc;
        this.tenantLock = new TenantWriteLock(jdbc);
        this.table = table;
        this.alias = alias;
        this.columns = columns;
        this.pageColumns = pageColumns;
        this.rowMapper = rowMapper;
    }

    /**
     * The tenants' listings of this table whose pages, in creation order only, also carry
     * {@code pageColumns}: expressions over a page's row {@code p} (its columns and
     * {@code position_seq}), worked out only for the rows of the page once it is cut. H2 works out a
     * select list for every row that matches before it sorts and cuts, which for a subquery per row
     * would run it for the whole result. Only listings: a read by id would lack these columns.
     */
    <U> Function<String, TablePages.Table<U>> listingsWithPageColumns(String pageColumns, RowMapper<U> rowMapper) {
        return new ResourceTable<>(jdbc, table, alias, columns, pageColumns, rowMapper)::listing;
    }

    Optional<T> find(String tenantId, String id) {
        return jdbc.query(select() + " where " + alias + ".tenant_id = ? and " + alias + ".id = ?",
                rowMapper, tenantId, id).stream().findFirst();
    }

    /**
     * Reads and locks the row for the rest of the transaction, so concurrent changes to it queue up;
     * the tenant first ({@link TenantWriteLock}).
     */
    Optional<T> findForUpdate(String tenantId, String id) {
        lockTenant(tenantId);
        return jdbc.query(select() + " where " + alias + ".tenant_id = ? and " + alias + ".id = ? for update",
                rowMapper, tenantId, id).stream().findFirst();
    }

    /** Before a write that starts with an insert: the first lock of every write ({@link TenantWriteLock}). */
    void lockTenant(String tenantId) {
        tenantLock.lock(tenantId);
    }

    long count(String tenantId, SqlCondition condition) {
        Long count = jdbc.queryForObject("select count(*) from " + table + " " + alias + " where " + where(condition),
                Long.class, parameters(tenantId, condition).toArray());
        return count == null ? 0 : count;
    }

    /**
     * A page in the requested order, creation order breaking ties (and standing alone without one).
     * In creation order, the page right after one read before continues from where that one ended.
     */
    List<T> page(String tenantId, SqlCondition condition, SqlOrder order, long offset, int limit) {
        if (order != null && pageColumns != null) {
            throw new IllegalStateException("Pages with computed columns are read in creation order only");
        }
        if (order == null) {
            String filter = condition == null ? "" : condition.sql() + " " + condition.parameters();
            Long after = continuations.take(new PageContinuations.Position(tenantId, filter, offset));
            if (after == null && offset == 0 && condition == null) {
                // The first page of an import starts before every position: as an offset H2 read it
                // by the tenant and sorted the whole tenant, as a position it reads the position index.
                after = Long.MIN_VALUE;
            }
            List<Positioned<T>> rows = after != null
                    ? pageAfter(tenantId, condition, after, limit)
                    : positionedPage(tenantId, condition, offset, limit);
            if (rows.size() == limit) {
                continuations.pageEnded(new PageContinuations.Position(tenantId, filter, offset + limit),
                        rows.get(rows.size() - 1).seq());
            }
            return rows.stream().map(Positioned::resource).toList();
        }
        List<Object> parameters = parameters(tenantId, condition);
        parameters.addAll(order.parameters());
        parameters.add(limit);
        parameters.add(offset);
        return jdbc.query(select() + " where " + where(condition) + " order by " + order.sql() + ", " + alias + ".seq"
                + " limit ? offset ?", rowMapper, parameters.toArray());
    }

    /** A resource with its position in creation order, for cursor paging. */
    public record Positioned<T>(long seq, T resource) {
    }

    private List<Positioned<T>> positionedPage(String tenantId, SqlCondition condition, long offset, int limit) {
        List<Object> parameters = parameters(tenantId, condition);
        parameters.add(limit);
        parameters.add(offset);
        return positioned(" where " + where(condition) + " order by " + inCreationOrder(condition) + " limit ? offset ?",
                parameters);
    }

    /** The next {@code limit} resources after {@code afterSeq} in creation order (keyset paging). */
    List<Positioned<T>> pageAfter(String tenantId, SqlCondition condition, long afterSeq, int limit) {
        List<Object> parameters = parameters(tenantId, condition);
        parameters.add(afterSeq);
        parameters.add(limit);
        return positioned(" where " + where(condition) + " and " + alias + ".seq > ? order by " + inCreationOrder(condition)
                + " limit ?", parameters);
    }

    private List<Positioned<T>> positioned(String whereOrderLimit, List<Object> parameters) {
        String page = "select " + columns + ", " + alias + ".seq as position_seq from " + table + " " + alias
                + whereOrderLimit;
        String sql = pageColumns == null ? page
                : "select p.*, " + pageColumns + " from (" + page + ") p order by p.position_seq";
        return jdbc.query(sql, (rs, row) -> new Positioned<>(rs.getLong("position_seq"), rowMapper.mapRow(rs, row)),
                parameters.toArray());
    }

    /** This table as a {@link TablePages.Table} of one tenant. */
    TablePages.Table<T> listing(String tenantId) {
        return new TablePages.Table<>() {
            @Override
            public long count(SqlCondition condition) {
                return ResourceTable.this.count(tenantId, condition);
            }

            @Override
            public List<T> page(SqlCondition condition, SqlOrder order, long offset, int limit) {
                return ResourceTable.this.page(tenantId, condition, order, offset, limit);
            }

            @Override
            public List<Positioned<T>> pageAfter(SqlCondition condition, long afterSeq, int limit) {
                return ResourceTable.this.pageAfter(tenantId, condition, afterSeq, limit);
            }
        };
    }

    private String select() {
        return "select " + columns + " from " + table + " " + alias;
    }

    /**
     * Unfiltered, by (tenant_id, seq), not seq alone: H2 reads an index in order only from its
     * first column on, and would otherwise sort the whole rest of the tenant for each page. Filtered,
     * by seq: the filter's own index finds the few rows, and H2 would otherwise walk the whole
     * tenant in order to avoid sorting them (Okta's lookup by userName took seconds).
     */
    private String inCreationOrder(SqlCondition condition) {
        return condition == null ? alias + ".tenant_id, " + alias + ".seq" : alias + ".seq";
    }

    private String where(SqlCondition condition) {
        String tenant = alias + ".tenant_id = ?";
        return condition == null ? tenant : tenant + " and (" + condition.sql() + ")";
    }

    private static List<Object> parameters(String tenantId, SqlCondition condition) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenantId);
        if (condition != null) {
            parameters.addAll(condition.parameters());
        }
        return parameters;
    }
}
