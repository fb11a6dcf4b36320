package db.migration;

import java.sql.Connection;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A migration for H2 alone: what tunes H2's planner or storage, which PostgreSQL does not need. */
abstract class H2OnlyMigration extends BaseJavaMigration {

    @Override
    public final void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
            migrate(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
        }
    }

    abstract void migrate(JdbcTemplate jdbc);
}
