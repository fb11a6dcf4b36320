package com.reftab.scim.protocol;

import java.util.regex.Pattern;

/** Paging of a list request (RFC 7644 §3.4.2.4): 1-based startIndex, count capped by the server. */
public record ListRequest(long startIndex, int count) {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    public static ListRequest of(String startIndex, String count, int maxResults) {
        long start = Math.max(1, parse(startIndex, "startIndex", 1));
        long requested = parse(count, "count", maxResults);
        int capped = (int) Math.max(0, Math.min(requested, maxResults));
        return new ListRequest(start, capped);
    }

    /**
     * A query parameter that is an integer in ASCII digits (Java alone would also read other
     * scripts' digits), or the fallback when it is absent or blank.
     */
    public static long parse(String value, String name, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String text = value.trim();
        if (!INTEGER.matcher(text).matches()) {
            throw ScimException.invalidValue("'" + name + "' must be an integer.");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("'" + name + "' must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ".");
        }
    }

    public long offset() {
        return startIndex - 1;
    }
}
