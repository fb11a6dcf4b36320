package com.reftab.scim.directory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the last index page in creation order ended, so that the page after it is read from
 * there ({@code seq > ?}) instead of counting its offset again: Okta's import asks for
 * {@code startIndex} 1, 101, 201, … in turn, and an offset read of page k walks the k pages
 * before it. A page that follows none remembered is read by its offset. Rows deleted meanwhile
 * before the position are then not counted, so no row is skipped, which SCIM allows: index pages
 * promise no consistency across requests. Bounded, least recently used first out; per instance.
 */
final class PageContinuations {

    static final int CAPACITY = 1024;

    /** The listing a page belongs to: one tenant, one filter, one page position. */
    record Position(String tenantId, String condition, long offset) {
    }

    private final Map<Position, Long> lastSeqBefore = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Position, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @return the creation position after which the page at this position starts, if a page ended there */
    synchronized Long take(Position position) {
        return lastSeqBefore.remove(position);
    }

    synchronized void pageEnded(Position next, long lastSeq) {
        lastSeqBefore.put(next, lastSeq);
    }
}
