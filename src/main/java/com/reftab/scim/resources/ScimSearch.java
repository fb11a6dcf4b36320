package com.reftab.scim.resources;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.http.JsonReply;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import com.reftab.scim.protocol.SearchRequest;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.ListRequest;

/**
 * {@code POST /Users/.search}, {@code /Groups/.search} and {@code /.search} (RFC 7644 §3.4.3):
 * the search body is read as the GET list's query parameters and answered by the list itself, so
 * both ways of asking give the same answer.
 *
 * <p>The root search pages over Users, then Groups, each in its list order: one ListResponse with
 * the sum of both totals, and a page that may span the two. Each resource type is asked only for
 * its count and the part of the page that falls in it, so nothing is loaded beyond the page.
 * {@code sortBy} sorts within each type. A filter only one type can evaluate (say
 * {@code userName eq "x"}, which Groups have no attribute for) matches nothing of the other type,
 * and a type that cannot sort by {@code sortBy} keeps its list order; a filter, or a sort, that
 * neither type can take is a 400.
 */
@Component("scimSearch")
public class ScimSearch {

    private final ScimUsers users;
    private final ScimGroups groups;
    private final int maxResults;

    public ScimSearch(ScimUsers users, ScimGroups groups, @Value("${reftab.scim.max-results:200}") int maxResults) {
        this.users = users;
        this.groups = groups;
        this.maxResults = maxResults;
    }

    public JsonReply users(ScimCall call, byte[] body) {
        SearchRequest search = SearchRequest.read(body);
        return users.list(call, search.filter(), search.startIndex(), search.count(),
                search.attributes(), search.excludedAttributes(), search.sortBy(), search.sortOrder(), search.cursor());
    }

    public JsonReply groups(ScimCall call, byte[] body) {
        SearchRequest search = SearchRequest.read(body);
        return groups.list(call, search.filter(), search.startIndex(), search.count(),
                search.attributes(), search.excludedAttributes(), search.sortBy(), search.sortOrder(), search.cursor());
    }

    public JsonReply all(ScimCall call, byte[] body) {
        SearchRequest search = SearchRequest.read(body);
        if (search.cursor() != null) {
            // A cursor names a position in one resource table; index paging spans the two.
            throw ScimException.invalidValue("The root search pages by startIndex; cursor paging is offered by "
                    + "/Users/.search and /Groups/.search.");
        }
        ListRequest page = ListRequest.of(search.startIndex(), search.count(), maxResults);

        Part userPart = part(search, (sortBy, sortOrder) -> users.page(call, search.filter(),
                Long.toString(page.startIndex()), Integer.toString(page.count()),
                search.attributes(), search.excludedAttributes(), sortBy, sortOrder, null));
        int left = page.count() - userPart.resources().size();
        long groupOffset = Math.max(0, page.offset() - userPart.total());
        // With the page full of users, count 0 still asks the groups for their total.
        Part groupPart = part(search, (sortBy, sortOrder) -> groups.page(call, search.filter(),
                Long.toString(groupOffset + 1), Integer.toString(left),
                search.attributes(), search.excludedAttributes(), sortBy, sortOrder, null));

        if (userPart.filterRefused() != null && groupPart.filterRefused() != null) {
            throw userPart.filterRefused();
        }
        if (!userPart.sorted() && !groupPart.sorted() && hasSort(search)) {
            throw userPart.sortRefused() != null ? userPart.sortRefused() : groupPart.sortRefused();
        }
        List<ObjectNode> resources = new ArrayList<>(userPart.resources());
        resources.addAll(groupPart.resources());
        return JsonReply.scim(200, ListResponse.of(userPart.total() + groupPart.total(), page.startIndex(), resources));
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
