package com.reftab.scim.directory;

import javax.sql.DataSource;

import com.reftab.scim.postgres.EmbeddedPostgresServer;
import com.reftab.scim.postgres.EmbeddedPostgresServer.Database;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The same comparison with the in-memory evaluator, on a real PostgreSQL. */
class FilterTranslationOnPostgresProperties extends FilterTranslationProperties {

    @Override
    DataSource dataSource() {
        Database database = EmbeddedPostgresServer.createDatabase();
        return new SingleConnectionDataSource(database.jdbcUrl(), database.user(), database.password(), true);
    }
}
