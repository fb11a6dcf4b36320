package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

class DatabaseOutageTest {

    private static final SQLTransientConnectionException POOL_TIMEOUT =
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms.");

    @Test
    void aConnectionThePoolCannotGiveIsAnOutage() {
        assertThat(DatabaseOutage.explains(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", POOL_TIMEOUT)))
                .isTrue();
    }

    @Test
    void aTransactionThatCannotBeginIsAnOutage() {
        assertThat(DatabaseOutage.explains(
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction", POOL_TIMEOUT))).isTrue();
    }

    @Test
    void aStatementCancelledByItsTimeoutIsAnOutage() {
        assertThat(DatabaseOutage.explains(new QueryTimeoutException("canceling statement due to user request"))).isTrue();
    }

    @Test
    void aTransactionPastItsDeadlineIsAnOutage() {
        assertThat(DatabaseOutage.explains(new TransactionTimedOutException("Transaction timed out"))).isTrue();
    }

    @Test
    void anOutageWrappedByCamelIsStillAnOutage() {
        assertThat(DatabaseOutage.explains(new RuntimeCamelException(
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction", POOL_TIMEOUT)))).isTrue();
    }

    @Test
    void anUntranslatedLostConnectionIsAnOutage() {
        assertThat(DatabaseOutage.explains(new IllegalStateException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
    }

    @Test
    void aServerShuttingDownIsAnOutage() {
        assertThat(DatabaseOutage.explains(
                new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
    }

    @Test
    void aConstraintViolationIsNotAnOutage() {
        assertThat(DatabaseOutage.explains(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    }

    @Test
    void aProgrammingErrorIsNotAnOutage() {
        assertThat(DatabaseOutage.explains(new NullPointerException())).isFalse();
    }
}
