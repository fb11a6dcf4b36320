package com.reftab.scim.scim;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.ResourceTable.Positioned;
import com.reftab.scim.scim.filter.FilterLimits;
import com.reftab.scim.scim.filter.ScimFilterToSql;
import com.reftab.scim.scim.filter.ScimFilterToSql.SqlCondition;
import com.reftab.scim.scim.filter.ScimFilterToSql.SqlOrder;

/**
 * A list request (RFC 7644 §3.4.2) run against one resource table: filter, sort, and either
 * index paging ({@code startIndex}, {@code count}) or cursor paging (RFC 9865, {@code cursor}).
 * Cursor pages follow creation order, so they cannot be combined with {@code sortBy}.
 */
public record ListQuery(String filter, String startIndex, String count, String sortBy, String sortOrder, String cursor) {

    /** The reads a resource table offers for listing, scoped to the caller's tenant. */
    public interface Table<T> {
        long count(SqlCondition condition);

        List<T> page(SqlCondition condition, SqlOrder order, long offset, int limit);

        List<Positioned<T>> pageAfter(SqlCondition condition, long afterSeq, int limit);
    }

    /** A page of resources, with where it starts (index paging) or how to go on (cursor paging). */
    public record Page<T>(long total, List<T> resources, Long startIndex, String nextCursor) {

        public ObjectNode toListResponse(List<ObjectNode> representations) {
            ObjectNode body = ListResponse.of(total, startIndex == null ? 1 : startIndex, representations);
            if (startIndex == null) {
                body.remove("startIndex");
                if (nextCursor != null) {
                    body.put("nextCursor", nextCursor);
                }
            }
            return body;
        }
    }

    public <T> Page<T> run(ScimFilterToSql filters, FilterLimits limits, Table<T> table, int maxResults) {
        SqlCondition condition = filter == null || filter.isBlank() ? null : filters.translate(filter, limits);
        boolean sorted = sortBy != null && !sortBy.isBlank();
        if (cursor != null) {
            if (startIndex != null) {
                throw ScimException.invalidValue("Use either 'cursor' or 'startIndex', not both.");
            }
            if (sorted) {
                throw ScimException.invalidValue("Cursor pages follow creation order; 'sortBy' needs index paging.");
            }
            long after = PageCursor.decode(cursor);
            int limit = ListRequest.of(null, count, maxResults).count();
            long total = table.count(condition);
            if (limit == 0) {
                return new Page<>(total, List.of(), null, null);
            }
            List<Positioned<T>> rows = table.pageAfter(condition, after, limit + 1);
            boolean more = rows.size() > limit;
            List<Positioned<T>> page = more ? rows.subList(0, limit) : rows;
            String next = more ? PageCursor.encode(page.get(page.size() - 1).seq()) : null;
            return new Page<>(total, page.stream().map(Positioned::resource).toList(), null, next);
        }
        ListRequest request = ListRequest.of(startIndex, count, maxResults);
        SqlOrder order = sorted ? filters.order(sortBy, sortOrder) : null;
        long total = table.count(condition);
        List<T> resources = request.count() == 0 || request.offset() >= total
                ? List.of() : table.page(condition, order, request.offset(), request.count());
        return new Page<>(total, resources, request.startIndex(), null);
    }
}
