package com.reftab.scim.directory;

import java.util.Optional;

import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.filter.FilterLimits;

/**
 * Where a resource type keeps its resources, always for one tenant: a resource by id (or read and
 * locked for a write), and list pages with the filters its attributes can be found by.
 */
public interface ResourceStore<T> {

    Optional<T> find(String tenantId, String id);

    /**
     * Reads and locks the resource for the rest of the transaction, so concurrent changes to it
     * queue up instead of racing.
     */
    Optional<T> findForUpdate(String tenantId, String id);

    /** A page of the tenant's resources, by index or by cursor, its rows read as it is written. */
    ListQuery.Page<T> list(String tenantId, ListQuery query, FilterLimits limits, int maxResults);
}
