package com.reftab.scim.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Builds the schema as the service does (spring.flyway.locations): the common baseline, then the
 * tuning of the database at hand.
 */
public final class Migrations {

    private Migrations() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor(dataSource))
                .load().migrate();
    }

    /** The folder name Spring Boot puts in place of {vendor}: h2 or postgresql. */
    private static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not tell which database " + dataSource + " is", e);
        }
    }
}
