package com.reftab.scim.database;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.JdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring Boot's JdbcTemplate, built as its auto-configuration builds it, except for how statements
 * are bounded on H2. Spring sets {@code spring.jdbc.template.query-timeout}, or inside a request's
 * transaction what is left of its time, on every statement. H2 runs a statement's timeout as a
 * {@code SET QUERY_TIMEOUT} of its session, and every SET makes every session parse all its
 * statements again: H2 parsed every statement it ran, 18% of a {@code GET /Users/{id}}
 * (docs/benchmarks.md). A session-wide timeout instead cancels healthy statements (H2 checks the
 * deadline of a session's previous statement before the next one has set its own). So on H2 a
 * watchdog cancels a statement still running at the same bound, and a transaction's deadline is
 * checked before each of its statements. PostgreSQL gets the timeouts as Spring sets them.
 */
@Configuration(proxyBeanMethods = false)
class StatementTimeouts {

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(DataSource dataSource, JdbcProperties properties,
                              ObjectProvider<SQLExceptionTranslator> translator) {
        JdbcProperties.Template settings = properties.getTemplate();
        int queryTimeoutSeconds = settings.getQueryTimeout() == null ? -1 : (int) settings.getQueryTimeout().toSeconds();
        JdbcTemplate template = isH2(dataSource) ? new WatchedOnH2(dataSource) : new JdbcTemplate(dataSource);
        template.setIgnoreWarnings(settings.isIgnoreWarnings());
        template.setFetchSize(settings.getFetchSize());
        template.setMaxRows(settings.getMaxRows());
        template.setQueryTimeout(queryTimeoutSeconds);
        template.setSkipResultsProcessing(settings.isSkipResultsProcessing());
        template.setSkipUndeclaredResults(settings.isSkipUndeclaredResults());
        template.setResultsMapCaseInsensitive(settings.isResultsMapCaseInsensitive());
        translator.ifUnique(template::setExceptionTranslator);
        return template;
    }

    static boolean isH2(DataSource dataSource) {
        return dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:h2:");
    }

    /**
     * Gives no statement a timeout; cancels one still running at its bound instead, from a thread
     * of its own, and checks a transaction's deadline before each statement as Spring does.
     */
    static final class WatchedOnH2 extends JdbcTemplate {

        private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "reftab-statement-watchdog");
            thread.setDaemon(true);
            return thread;
        });

        private final Map<Statement, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

        WatchedOnH2(DataSource dataSource) {
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
            int bound = getQueryTimeout();
            if (TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder transaction
                    && transaction.hasTimeout()) {
                // Throws once the deadline has passed (and marks the transaction rollback-only), as Spring's own check.
                bound = transaction.getTimeToLiveInSeconds();
            }
            if (bound > 0) {
                running.put(statement, WATCHDOG.schedule(() -> cancel(statement), bound, TimeUnit.SECONDS));
            }
        }

        /** Called once the statement has run (a failed one is closed, and its watchdog finds it so). */
        @Override
        protected void handleWarnings(Statement statement) throws SQLException {
            ScheduledFuture<?> watchdog = running.remove(statement);
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            super.handleWarnings(statement);
        }

        private void cancel(Statement statement) {
            running.remove(statement);
            try {
                if (!statement.isClosed()) {
                    statement.cancel();
                }
            } catch (SQLException closedMeanwhile) {
                // Nothing left to cancel.
            }
        }
    }
}
