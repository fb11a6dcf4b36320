package com.reftab.scim.directory;

import java.util.Optional;

import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.filter.FilterLimits;

/**
 * What every SCIM resource store answers alike, always for one tenant: a resource by id (or read
 * and locked for a write), and list pages with the filters its attributes can be found by.
 */
public abstract class ResourceStore<T> {

    final ResourceTable<T> table;
    private final ScimFilterToSql filters;

    ResourceStore(ResourceTable<T> table, ScimFilterToSql filters) {
        this.table = table;
        this.filters = filters;
    }

    public Optional<T> find(String tenantId, String id) {
        return table.find(tenantId, id);
    }

    /**
     * Reads and locks the row for the rest of the transaction, so concurrent changes queue up instead
     * of racing; the tenant's write lock first ({@link TenantWriteLock}).
     */
    public Optional<T> findForUpdate(String tenantId, String id) {
        return table.findForUpdate(tenantId, id);
    }

    /** A page of the tenant's resources, by index or by cursor, its rows read as it is written. */
    public ListQuery.Page<T> list(String tenantId, ListQuery query, FilterLimits limits, int maxResults) {
        return TablePages.run(query, filters, limits, listing(tenantId), maxResults);
    }

    /** The tenant's resources as a table to list: count, index pages, cursor pages. */
    public TablePages.Table<T> listing(String tenantId) {
        return table.listing(tenantId);
    }
}
