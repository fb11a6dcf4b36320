package com.reftab.scim.protocol.filter;

import java.util.ArrayDeque;
import java.util.Deque;

import com.reftab.scim.protocol.ScimException;
import com.unboundid.scim2.common.filters.CombiningFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.NotFilter;

/**
 * How long a filter, or a PATCH path holding one, may be, and how deeply it may nest. Everything
 * that reads a parsed filter (its translation to SQL, the database planning that SQL, the
 * evaluation of a PATCH path, its text in an error) recurses once per level: a filter of 3,000
 * nested {@code not(} ran the request's thread out of stack. The length is checked before the
 * filter is parsed; the depth once it is, before anything else reads it. Okta and Entra send
 * filters one to three levels deep and well under a kilobyte.
 *
 * <p>Depth counts the nodes on the longest path through the parsed filter: a comparison is 1,
 * and each {@code not}, {@code and}/{@code or} and value filter ({@code emails[…]}) around it adds
 * one. {@code emails[type eq "work" and value co "@example.com"]} is 3 deep.
 */
public class FilterLimits {

    public static final int DEFAULT_MAX_LENGTH = 4096;
    public static final int DEFAULT_MAX_DEPTH = 16;
    /** The service's defaults, for code that runs without configuration (tests of the parts). */
    public static final FilterLimits DEFAULTS = new FilterLimits(DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);

    private final int maxLength;
    private final int maxDepth;

    public FilterLimits(int maxLength, int maxDepth) {
        if (maxLength < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("Filter bounds must be positive: length " + maxLength + ", depth " + maxDepth);
        }
        this.maxLength = maxLength;
        this.maxDepth = maxDepth;
    }

    public int maxLength() {
        return maxLength;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Before parsing: a filter (or a path holding one) longer than the bound is 400 invalidFilter. */
    public void requireLength(String filter) {
        if (filter.length() > maxLength) {
            throw ScimException.invalidFilter("The filter is " + filter.length() + " characters long; this service takes "
                    + "filters of at most " + maxLength + " characters.");
        }
    }

    /** After parsing: a filter nested deeper than the bound is 400 invalidFilter. Walks without recursing. */
    public Filter requireDepth(Filter filter) {
        record Level(Filter filter, int depth) {
        }
        Deque<Level> open = new ArrayDeque<>();
        open.push(new Level(filter, 1));
        while (!open.isEmpty()) {
            Level level = open.pop();
            if (level.depth() > maxDepth) {
                throw ScimException.invalidFilter("The filter is nested more than " + maxDepth + " levels deep (each not, "
                        + "and, or and value filter is a level); this service takes filters at most " + maxDepth + " deep.");
            }
            if (level.filter() instanceof CombiningFilter combining) {
                combining.getCombinedFilters().forEach(part -> open.push(new Level(part, level.depth() + 1)));
            } else if (level.filter() instanceof NotFilter not) {
                open.push(new Level(not.getInvertedFilter(), level.depth() + 1));
            } else if (level.filter() instanceof ComplexValueFilter valueFilter) {
                open.push(new Level(valueFilter.getValueFilter(), level.depth() + 1));
            }
        }
        return filter;
    }
}
