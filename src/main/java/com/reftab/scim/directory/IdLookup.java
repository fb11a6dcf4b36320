package com.reftab.scim.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

import javax.sql.DataSource;

import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Rows for a list of ids, each found by its key, in one statement whose last condition is
 * {@code … and <id column> } followed by {@link #IDS}. PostgreSQL takes the whole list as one
 * array ({@code = any(?)}). H2 uses a list only on an index's first column, and every key here
 * starts with tenant_id, so an IN list walked all of the tenant's rows, and a joined table of ids
 * was planned from the wrong side at scale: on H2 the statement is prepared once and run for each
 * id, an index seek each time, in process.
 */
@Component
public class IdLookup {

    /** Stands for the id condition: {@code = any(?)} on PostgreSQL, {@code = ?} on H2. */
    public static final String IDS = "{ids}";

    private final JdbcTemplate jdbc;
    private final boolean wholeListAtOnce;

    public IdLookup(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.wholeListAtOnce = SqlDialect.of(dataSource) == SqlDialect.POSTGRESQL;
    }

    /**
     * @param sql       a statement ending in {@code <id column> {ids}}, with its other parameters before
     * @param ids       the ids, bound last
     * @param parameters the statement's other parameters, in order
     */
    public void query(String sql, Collection<String> ids, RowCallbackHandler rows, Object... parameters) {
        if (ids.isEmpty()) {
            return;
        }
        String statement = sql.replace(IDS, wholeListAtOnce ? "= any(?)" : "= ?");
        // A statement the JdbcTemplate makes, so that it is bounded and watched like every other.
        jdbc.execute(statement, (PreparedStatementCallback<Void>) prepared -> {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            int idParameter = parameters.length + 1;
            if (wholeListAtOnce) {
                prepared.setArray(idParameter, prepared.getConnection().createArrayOf("varchar", ids.toArray()));
                read(prepared, rows);
            } else {
                for (String id : ids) {
                    prepared.setString(idParameter, id);
                    read(prepared, rows);
                }
            }
            return null;
        });
    }

    private static void read(PreparedStatement prepared, RowCallbackHandler rows) throws SQLException {
        try (ResultSet result = prepared.executeQuery()) {
            while (result.next()) {
                rows.processRow(result);
            }
        }
    }
}
