package com.reftab.scim.directory;

import java.util.Optional;

import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.filter.FilterLimits;

/** A resource store kept in a resource table, with the filters its attributes can be found by. */
public abstract class TableStore<T> implements ResourceStore<T> {

    final ResourceTable<T> table;
    private final ScimFilterToSql filters;

    TableStore(ResourceTable<T> table, ScimFilterToSql filters) {
        this.table = table;
        this.filters = filters;
    }

    @Override
    public Optional<T> find(String tenantId, String id) {
        return table.find(tenantId, id);
    }

    /** The tenant's write lock first ({@link TenantWriteLock}), then the row. */
    @Override
    public Optional<T> findForUpdate(String tenantId, String id) {
        return table.findForUpdate(tenantId, id);
    }

    @Override
    public ListQuery.Page<T> list(String tenantId, ListQuery query, FilterLimits limits, int maxResults) {
        return TablePages.run(query, filters, limits, listing(tenantId), maxResults);
    }

    /** The tenant's resources as a table to list: count, index pages, cursor pages. */
    public TablePages.Table<T> listing(String tenantId) {
        return table.listing(tenantId);
    }
}
