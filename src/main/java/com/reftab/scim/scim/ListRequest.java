package com.reftab.scim.scim;

/** Paging of a list request (RFC 7644 §3.4.2.4): 1-based startIndex, count capped by the server. */
public record ListRequest(long startIndex, int count) {

    public static ListRequest of(String startIndex, String count, int maxResults) {
        long start = Math.max(1, parse(startIndex, "startIndex", 1));
        long requested = parse(count, "count", maxResults);
        int capped = (int) Math.max(0, Math.min(requested, maxResults));
        return new ListRequest(start, capped);
    }

    private static long parse(String value, String name, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("'" + name + "' must be an integer.");
        }
    }

    public long offset() {
        return startIndex - 1;
    }
}
