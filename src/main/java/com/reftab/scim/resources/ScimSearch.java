package com.reftab.scim.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ListRequest;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.SearchRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code POST /{endpoint}/.search} of each resource type and {@code /.search} (RFC 7644 §3.4.3):
 * the search body is read as the GET list's query parameters and answered by the list itself, so
 * both ways of asking give the same answer.
 *
 * <p>The root search pages over every resource type in turn (Users, then Groups), each in its list
 * order: one ListResponse with the sum of the totals, and a page that may span types. Each type is
 * asked only for its count and the part of the page that falls in it, so nothing is loaded beyond
 * the page. {@code sortBy} sorts within each type. A filter only some types can evaluate (say
 * {@code userName eq "x"}, which Groups have no attribute for) matches nothing of the others, and
 * a type that cannot sort by {@code sortBy} keeps its list order; a filter, or a sort, that no
 * type can take is a 400.
 */
@Component("scimSearch")
public class ScimSearch {

    private final Resources resources;
    private final ResourceTypes types;
    private final int maxResults;

    @Autowired
    public ScimSearch(Resources resources, ResourceTypes types, ScimLimits limits) {
        this(resources, types, limits.maxResults());
    }

    public ScimSearch(Resources resources, ResourceTypes types, int maxResults) {
        this.resources = resources;
        this.types = types;
        this.maxResults = maxResults;
    }

    /** {@code POST /{endpoint}/.search}: the list of one resource type. */
    public ResourceResult search(ScimCall call, ResourceType<?> type, byte[] body) {
        SearchRequest search = SearchRequest.read(body);
        return resources.list(call, type, query(search, search.startIndex(), search.count(), search.sortBy(),
                search.sortOrder(), search.cursor()), selection(search, type));
    }

    public ResourceResult all(ScimCall call, byte[] body) {
        SearchRequest search = SearchRequest.read(body);
        if (search.cursor() != null) {
            // A cursor names a position in one resource table; index paging spans them.
            throw ScimException.invalidValue("The root search pages by startIndex; cursor paging is offered by "
                    + String.join(" and ", types.all().stream().map(type -> "/" + type.endpoint() + "/.search").toList())
                    + ".");
        }
        ListRequest page = ListRequest.of(search.startIndex(), search.count(), maxResults);
        List<Part> parts = new ArrayList<>();
        long offset = page.offset();
        int left = page.count();
        for (ResourceType<?> type : types.all()) {
            long startIndex = offset + 1;
            int count = left;
            // With the page full of earlier types' resources, count 0 still asks this type for its total.
            Part part = part(search, (sortBy, sortOrder) -> resources.page(call, type,
                    query(search, Long.toString(startIndex), Integer.toString(count), sortBy, sortOrder, null),
                    selection(search, type)));
            parts.add(part);
            left -= part.resources().size();
            offset = Math.max(0, offset - part.total());
        }
        if (parts.stream().allMatch(part -> part.filterRefused() != null)) {
            throw parts.get(0).filterRefused();
        }
        if (parts.stream().noneMatch(Part::sorted) && hasSort(search)) {
            throw parts.stream().map(Part::sortRefused).filter(Objects::nonNull).findFirst().orElseThrow();
        }
        List<ObjectNode> found = new ArrayList<>();
        parts.forEach(part -> found.addAll(part.resources()));
        return ResourceResult.of(200, ListResponse.of(parts.stream().mapToLong(Part::total).sum(), page.startIndex(), found));
    }

    private static ListQuery query(SearchRequest search, String startIndex, String count, String sortBy, String sortOrder,
                                   String cursor) {
        return new ListQuery(search.filter(), startIndex, count, sortBy, sortOrder, cursor);
    }

    private static AttributeSelection selection(SearchRequest search, ResourceType<?> type) {
        return AttributeSelection.of(search.attributes(), search.excludedAttributes(), type.schema());
    }

    private interface SortedList {
        ListResponse.Streamed<?> list(String sortBy, String sortOrder);
    }

    /**
     * One resource type's share of a root search. A sortBy this type cannot sort by leaves it in its
     * list order; a filter it cannot evaluate makes its share empty. Either refusal is kept, so the
     * search fails only when no type could take the filter, or the sort.
     */
    private record Part(long total, List<ObjectNode> resources, ScimException filterRefused, ScimException sortRefused) {

        static Part of(ListResponse.Streamed<?> page, ScimException sortRefused) {
            return new Part(page.totalResults(), page.resources(), null, sortRefused);
        }

        boolean sorted() {
            return filterRefused == null && sortRefused == null;
        }
    }

    private static Part part(SearchRequest search, SortedList list) {
        ScimException sortRefused;
        try {
            return Part.of(list.list(search.sortBy(), search.sortOrder()), null);
        } catch (ScimException e) {
            if (!hasSort(search) || e.status() != 400) {
                return filterRefused(e);
            }
            sortRefused = e;
        }
        try {
            return Part.of(list.list(null, null), sortRefused);
        } catch (ScimException e) {
            return filterRefused(e);
        }
    }

    private static Part filterRefused(ScimException e) {
        if ("invalidFilter".equals(e.scimType())) {
            return new Part(0, List.of(), e, null);
        }
        throw e;
    }

    private static boolean hasSort(SearchRequest search) {
        return search.sortBy() != null && !search.sortBy().isBlank();
    }
}
