package com.reftab.scim.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.fasterxml.jackson.core.JsonParseException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

class TransientFailureTest {

    private static final SQLTransientConnectionException POOL_TIMEOUT =
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms.");

    @Test
    void aConnectionThePoolCannotGiveIsAnOutage() {
        assertThat(TransientFailure.isTransient(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", POOL_TIMEOUT)))
                .isTrue();
    }

    @Test
    void aTransactionThatCannotBeginIsAnOutage() {
        assertThat(TransientFailure.isTransient(
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction", POOL_TIMEOUT))).isTrue();
    }

    @Test
    void aStatementCancelledByItsTimeoutIsAnOutage() {
        assertThat(TransientFailure.isTransient(new QueryTimeoutException("canceling statement due to user request"))).isTrue();
    }

    @Test
    void aTransactionPastItsDeadlineIsAnOutage() {
        assertThat(TransientFailure.isTransient(new TransactionTimedOutException("Transaction timed out"))).isTrue();
    }

    @Test
    void anOutageWrappedByCamelIsStillAnOutage() {
        assertThat(TransientFailure.isTransient(new RuntimeCamelException(
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction", POOL_TIMEOUT)))).isTrue();
    }

    @Test
    void anUntranslatedLostConnectionIsAnOutage() {
        assertThat(TransientFailure.isTransient(new IllegalStateException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
    }

    @Test
    void aServerShuttingDownIsAnOutage() {
        assertThat(TransientFailure.isTransient(
                new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
    }

    @Test
    void aConstraintViolationIsNotAnOutage() {
        assertThat(TransientFailure.isTransient(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    }

    @Test
    void aProgrammingErrorIsNotAnOutage() {
        assertThat(TransientFailure.isTransient(new NullPointerException())).isFalse();
    }


    @Test
    void aDeadlockOrConnectionStateDeepInTheCausesIsAnOutage() {
        Exception wrapped = new IllegalStateException("apply failed",
                new RuntimeException(new SQLException("deadlock detected", "40P01")));

        assertThat(TransientFailure.isTransient(wrapped)).isTrue();
        assertThat(TransientFailure.isTransient(new SQLException("connection reset", "08006"))).isTrue();
    }

    @Test
    void anEventThatCannotBeReadOrStoredIsNotAnOutage() {
        assertThat(TransientFailure.isTransient(new JsonParseException(null, "unexpected character"))).isFalse();
        assertThat(TransientFailure.isTransient(new DataIntegrityViolationException("null user id"))).isFalse();
        assertThat(TransientFailure.isTransient(new SQLException("syntax", "42601"))).isFalse();
        assertThat(TransientFailure.isTransient(new IOException("bad bytes"))).isFalse();
    }

    @Test
    void aRollbackThatFailsAfterAnOutageIsAnOutage() {
        // As seen on PostgreSQL: the rollback's own error, without an SQLSTATE, hides the outage that asked for it.
        assertThat(TransientFailure.isTransient(rollbackFailedAfter(
                new DataAccessResourceFailureException("An I/O error occurred while sending to the backend")))).isTrue();
    }

    @Test
    void aRollbackThatFailsAfterAPermanentFailureIsNoOutage() {
        assertThat(TransientFailure.isTransient(rollbackFailedAfter(new DataIntegrityViolationException("duplicate key"))))
                .isFalse();
    }

    /** A rollback asked for by this failure, failing itself on a connection the pool had closed. */
    private static TransactionSystemException rollbackFailedAfter(RuntimeException failure) {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(failure);
        return rollback;
    }
}
