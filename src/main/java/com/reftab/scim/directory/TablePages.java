package com.reftab.scim.directory;

import java.util.List;

import com.reftab.scim.directory.ResourceTable.Positioned;
import com.reftab.scim.directory.ScimFilterToSql.SqlCondition;
import com.reftab.scim.directory.ScimFilterToSql.SqlOrder;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ListRequest;
import com.reftab.scim.protocol.PageCursor;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.filter.FilterLimits;

/**
 * Runs a list request against one resource table: its filter and sort translated to SQL, then a
 * page by index or by cursor, its rows read {@link ListQuery#CHUNK} at a time as the answer is
 * written.
 */
public final class TablePages {

    private TablePages() {
    }

    /** The reads a resource table offers for listing, scoped to the caller's tenant. */
    public interface Table<T> {
        long count(SqlCondition condition);

        List<T> page(SqlCondition condition, SqlOrder order, long offset, int limit);

        List<Positioned<T>> pageAfter(SqlCondition condition, long afterSeq, int limit);
    }

    static <T> ListQuery.Page<T> run(ListQuery query, ScimFilterToSql filters, FilterLimits limits, Table<T> table, int maxResults) {
        String filter = query.filter();
        String sortBy = query.sortBy();
        String cursor = query.cursor();
        String startIndex = query.startIndex();
        String count = query.count();
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
            return new ListQuery.Page<>(table.count(condition), null, new FirstChunkRead<>(new AfterSeq<>(table, condition, after, limit)));
        }
        ListRequest request = ListRequest.of(startIndex, count, maxResults);
        SqlOrder order = sorted ? filters.order(sortBy, query.sortOrder()) : null;
        if (request.count() == 0) {
            return new ListQuery.Page<>(table.count(condition), request.startIndex(), new AtOffset<>(table, condition, order, 0, 0));
        }
        AtOffset<T> rows = new AtOffset<>(table, condition, order, request.offset(), request.count());
        List<T> first = rows.next();
        return new ListQuery.Page<>(totalOf(request, rows, first, table, condition), request.startIndex(),
                new FirstChunkRead<>(rows, first));
    }

    /**
     * A first chunk that came back short ends the result, so the total is known without counting
     * when that chunk shows where the result ends: it holds rows, or the page starts at the first.
     * Okta's and Entra's lookups by userName (one row or none) are then one statement, not two.
     */
    private static <T> long totalOf(ListRequest request, Chunked<T> rows, List<T> first, Table<T> table, SqlCondition condition) {
        if (rows.ended && (!first.isEmpty() || request.offset() == 0)) {
            return request.offset() + first.size();
        }
        return table.count(condition);
    }

    /**
     * Reads the first chunk at once, while the request can still be answered with an error: a sort
     * the database refuses or an outage then gets its SCIM error, not a cut-off answer.
     */
    private static final class FirstChunkRead<T> implements ListQuery.Rows<T> {

        private final ListQuery.Rows<T> rows;
        private List<T> first;

        FirstChunkRead(ListQuery.Rows<T> rows) {
            this(rows, rows.next());
        }

        FirstChunkRead(ListQuery.Rows<T> rows, List<T> first) {
            this.rows = rows;
            this.first = first;
        }

        @Override
        public List<T> next() {
            if (first != null) {
                List<T> chunk = first;
                first = null;
                return chunk;
            }
            return rows.next();
        }

        @Override
        public String nextCursor() {
            return rows.nextCursor();
        }
    }

    /** Reads up to the page's limit a chunk at a time, until a chunk comes back short. */
    private abstract static class Chunked<T> implements ListQuery.Rows<T> {

        final int limit;
        int read;
        boolean ended;

        Chunked(int limit) {
            this.limit = limit;
        }

        /** The next {@code wanted} rows after the {@code read} already read. */
        abstract List<T> fetch(int wanted);

        @Override
        public List<T> next() {
            int wanted = Math.min(ListQuery.CHUNK, limit - read);
            if (ended || wanted <= 0) {
                return List.of();
            }
            List<T> chunk = fetch(wanted);
            read += chunk.size();
            ended = chunk.size() < wanted;
            return chunk;
        }

        @Override
        public String nextCursor() {
            return null;
        }
    }

    /** Index paging: chunks at the page's offset onwards (the table continues each where the one before ended). */
    private static final class AtOffset<T> extends Chunked<T> {

        private final Table<T> table;
        private final SqlCondition condition;
        private final SqlOrder order;
        private final long offset;

        AtOffset(Table<T> table, SqlCondition condition, SqlOrder order, long offset, int limit) {
            super(limit);
            this.table = table;
            this.condition = condition;
            this.order = order;
            this.offset = offset;
        }

        @Override
        List<T> fetch(int wanted) {
            return table.page(condition, order, offset + read, wanted);
        }
    }

    /** Cursor paging: chunks after the last position read, and one look past the page for whether more follow. */
    private static final class AfterSeq<T> extends Chunked<T> {

        private final Table<T> table;
        private final SqlCondition condition;
        private long after;

        AfterSeq(Table<T> table, SqlCondition condition, long after, int limit) {
            super(limit);
            this.table = table;
            this.condition = condition;
            this.after = after;
        }

        @Override
        List<T> fetch(int wanted) {
            List<Positioned<T>> chunk = table.pageAfter(condition, after, wanted);
            if (!chunk.isEmpty()) {
                after = chunk.get(chunk.size() - 1).seq();
            }
            return chunk.stream().map(Positioned::resource).toList();
        }

        @Override
        public String nextCursor() {
            if (ended || read < limit || limit == 0 || table.pageAfter(condition, after, 1).isEmpty()) {
                return null;
            }
            return PageCursor.encode(after);
        }
    }
}
