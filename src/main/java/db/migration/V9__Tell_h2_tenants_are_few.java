package db.migration;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells H2's planner what a tenant-scoped table looks like before it has statistics of its own:
 * many rows share a tenant, and a group holds many members. H2 costs an UPDATE or a DELETE as if
 * every index covered it, so without this the index of the foreign key on {@code tenant_id}
 * alone tied with the primary key and won, and each write walked all of its tenant's rows
 * ({@code H2AccessPathsTest}). H2's own ANALYZE replaces these figures once it has counted.
 * PostgreSQL keeps no such index and plans from its own statistics: nothing to do there.
 */
public class V9__Tell_h2_tenants_are_few extends H2OnlyMigration {

    @Override
    void migrate(JdbcTemplate jdbc) {
        List<String> tables = jdbc.queryForList("select table_name from information_schema.columns"
                + " where table_schema = 'public' and column_name = 'tenant_id'", String.class);
        for (String table : tables) {
            jdbc.execute("alter table \"" + table + "\" alter column tenant_id selectivity 1");
        }
        jdbc.execute("alter table scim_group_member alter column group_id selectivity 1");
    }
}
