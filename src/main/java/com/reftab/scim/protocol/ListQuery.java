package com.reftab.scim.protocol;

import java.util.List;

/**
 * A list request (RFC 7644 §3.4.2) as the client sent it: filter, sort, and either index paging
 * ({@code startIndex}, {@code count}) or cursor paging (RFC 9865, {@code cursor}), and the page it
 * is answered with. The store runs it; cursor pages follow creation order, so they cannot be
 * combined with {@code sortBy}.
 *
 * <p>The page's resources are read {@link #CHUNK} at a time, as the answer is written: a page of
 * 200 users at the resource bound would otherwise hold 200 parsed resources at once.
 */
public record ListQuery(String filter, String startIndex, String count, String sortBy, String sortOrder, String cursor) {

    /** Resources read from the table at a time while a page is written. */
    public static final int CHUNK = 20;

    /**
     * A page: how many resources match, where it starts (index paging; null for cursor paging) and
     * its resources, read chunk by chunk.
     */
    public record Page<T>(long total, Long startIndex, Rows<T> rows) {
    }

    /** A page's resources in order, a chunk at a time; then, for cursor paging, how to go on. */
    public interface Rows<T> {

        /** The next chunk, empty once the page has ended. */
        List<T> next();

        /** After the last chunk: the cursor of the page after this one, or null when there is none. */
        String nextCursor();
    }
}
