package com.reftab.scim.database;

import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.jdbc.JdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring Boot's JdbcTemplate, built as its auto-configuration builds it, except for statement
 * timeouts on H2. Spring sets {@code spring.jdbc.template.query-timeout}, or inside a request's
 * transaction what is left of its time, on every statement. H2 runs a statement's timeout as a
 * {@code SET QUERY_TIMEOUT} of its session, and every SET makes every session parse all its
 * statements again: H2 parsed every statement it ran, 18% of a {@code GET /Users/{id}}
 * (docs/benchmarks.md). A session-wide timeout instead cancels healthy statements: H2 keeps the
 * deadline of a session's last statement and checks it before the next one has set its own. So on
 * H2 no statement is given a timeout; a transaction's deadline is still checked before each of its
 * statements (past it the statement is not run and the request is answered 503), and H2 bounds
 * every lock wait itself. PostgreSQL gets the timeouts as Spring sets them.
 */
@Configuration(proxyBeanMethods = false)
class StatementTimeouts {

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource, JdbcProperties properties) {
        JdbcTemplate template = isH2(dataSource) ? new DeadlineCheckedOnly(dataSource) : new JdbcTemplate(dataSource);
        JdbcProperties.Template settings = properties.getTemplate();
        template.setFetchSize(settings.getFetchSize());
        template.setMaxRows(settings.getMaxRows());
        if (settings.getQueryTimeout() != null) {
            template.setQueryTimeout((int) settings.getQueryTimeout().toSeconds());
        }
        template.setSkipResultsProcessing(settings.isSkipResultsProcessing());
        template.setSkipUndeclaredResults(settings.isSkipUndeclaredResults());
        template.setResultsMapCaseInsensitive(settings.isResultsMapCaseInsensitive());
        return template;
    }

    static boolean isH2(DataSource dataSource) {
        return dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:h2:");
    }

    /** Checks the transaction's deadline as Spring does, without setting a timeout on the statement. */
    static final class DeadlineCheckedOnly extends JdbcTemplate {

        DeadlineCheckedOnly(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void applyStatementSettings(Statement statement) throws SQLException {
            if (getFetchSize() != -1) {
                statement.setFetchSize(getFetchSize());
            }
            if (getMaxRows() != -1) {
                statement.setMaxRows(getMaxRows());
            }
            if (TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder transaction
                    && transaction.hasTimeout()) {
                // Throws once the deadline has passed (and marks the transaction rollback-only), as Spring's own check.
                transaction.getTimeToLiveInSeconds();
            }
        }
    }
}
