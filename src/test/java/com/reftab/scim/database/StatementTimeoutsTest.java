package com.reftab.scim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.JdbcProperties;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class StatementTimeoutsTest {

    private final HikariDataSource h2 = new HikariDataSource();

    StatementTimeoutsTest() {
        h2.setJdbcUrl("jdbc:h2:mem:statement-timeouts;DB_CLOSE_DELAY=-1");
        // One connection, so the statement below and the check run on the same H2 session.
        h2.setMaximumPoolSize(1);
    }

    @AfterEach
    void close() {
        h2.close();
    }

    private static JdbcProperties withQueryTimeout(Duration timeout) {
        JdbcProperties properties = new JdbcProperties();
        properties.getTemplate().setQueryTimeout(timeout);
        return properties;
    }

    @Test
    void onH2AStatementLeavesItsSessionWithoutATimeoutSoH2KeepsItsParsedStatements() {
        JdbcTemplate jdbc = new StatementTimeouts().jdbcTemplate(h2, withQueryTimeout(Duration.ofSeconds(4)));

        jdbc.queryForObject("select 1", Integer.class);

        // H2 keeps a statement's timeout on its session (SET QUERY_TIMEOUT), which is what made it parse every statement again.
        assertThat(jdbc.execute((ConnectionCallback<Integer>) connection -> connection.createStatement().getQueryTimeout()))
                .isZero();
    }

    @Test
    void everyOtherDatabaseGetsSpringsTimeoutOnEachStatement() {
        DriverManagerDataSource other = new DriverManagerDataSource(
                "jdbc:postgresql://localhost/never-connected");

        JdbcTemplate jdbc = new StatementTimeouts().jdbcTemplate(other, withQueryTimeout(Duration.ofSeconds(4)));

        assertThat(jdbc.getClass()).isEqualTo(JdbcTemplate.class);
        assertThat(jdbc.getQueryTimeout()).isEqualTo(4);
    }
}
