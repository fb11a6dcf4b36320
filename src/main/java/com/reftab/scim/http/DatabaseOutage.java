package com.reftab.scim.http;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells a failure caused by the database being unreachable, stopped or too slow (worth a retry
 * later) from any other. The cause chain is searched because the signal arrives wrapped: a
 * transaction that cannot begin is a {@link CannotCreateTransactionException} around the pool's
 * {@code SQLTransientConnectionException}, and Camel may wrap what a bean threw.
 */
final class DatabaseOutage {

    private DatabaseOutage() {
    }

    static boolean explains(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isOutage(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable cause) {
        return cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof TransactionTimedOutException
                || cause instanceof SQLTransientException
                || cause instanceof SQLRecoverableException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLException sql && isOutageState(sql.getSQLState());
    }

    /** SQLSTATE class 08 (connection exception), 57014 (statement cancelled), 57P0x (server shut down, crashed, starting). */
    private static boolean isOutageState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57014") || sqlState.startsWith("57P0"));
    }
}
