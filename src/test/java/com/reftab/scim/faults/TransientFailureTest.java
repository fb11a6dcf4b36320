package com.reftab.scim.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class TransientFailureTest {

    @Test
    void anUnreachableDatabaseIsAnOutage() {
        assertThat(TransientFailure.isTransient(new CannotGetJdbcConnectionException("refused"))).isTrue();
        assertThat(TransientFailure.isTransient(new CannotCreateTransactionException("no connection"))).isTrue();
    }

    @Test
    void aTimeoutIsAnOutage() {
        assertThat(TransientFailure.isTransient(new QueryTimeoutException("slow"))).isTrue();
        assertThat(TransientFailure.isTransient(new SQLTransientConnectionException("pool exhausted"))).isTrue();
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
}
