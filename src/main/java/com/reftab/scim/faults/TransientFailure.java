package com.reftab.scim.faults;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells an outage (the database or broker unreachable, stopped or too slow, a deadlock) from a
 * failure that will happen again on every try. An API call meeting an outage is answered 503 with
 * Retry-After; a consumer waits it out and the event stays where it is. The cause chain is
 * searched because the signal arrives wrapped: a transaction that cannot begin is a
 * {@link CannotCreateTransactionException} around the pool's {@code SQLTransientConnectionException},
 * and Camel may wrap what a bean threw.
 */
@Component("transientFailure")
public class TransientFailure {

    public boolean test(Throwable failure) {
        return isTransient(failure);
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof RecoverableDataAccessException || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionTimedOutException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof RetriableException || cause instanceof ConnectException
                    || cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            // A rollback that failed hides the failure that asked for it: the pool had already
            // closed the connection an outage broke, so the rollback's own error says only that.
            if (cause instanceof TransactionSystemException system && isTransient(system.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 08 (connection), 40 (rollback: deadlock, serialization), 53 (resources) and
     * 57 (operator intervention: statement cancelled by its timeout, server shutting down or starting).
     */
    private static boolean isTransientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57"));
    }
}
