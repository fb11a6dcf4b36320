package com.reftab.scim.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A list of ids as a table to join from, {@code (values (?), (?), …) ids(id)}, in place of
 * {@code tenant_id = ? and id in (…)}. H2 uses an IN list only on an index's first column, so
 * behind a tenant_id it walked every row of the tenant; joined from a table of ids, both H2 and
 * PostgreSQL find each id by its key.
 */
public final class IdTable {

    private IdTable() {
    }

    /** The table of {@code count} ids, named {@code ids}, with one column {@code id}. */
    public static String of(int count) {
        return "(values " + String.join(", ", Collections.nCopies(count, "(?)")) + ") ids(id)";
    }

    /** The parameters of a statement whose id table comes first: the ids, then the others. */
    public static Object[] parameters(Collection<String> ids, Object... others) {
        List<Object> parameters = new ArrayList<>(ids.size() + others.length);
        parameters.addAll(ids);
        parameters.addAll(List.of(others));
        return parameters.toArray();
    }
}
