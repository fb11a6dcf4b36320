package com.reftab.scim.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that notes the SQL of every statement prepared or run through it, so that a test
 * can plan the statements the service's classes really run rather than copies of them.
 */
final class StatementLog extends DelegatingDataSource {

    private final List<String> statements = new CopyOnWriteArrayList<>();

    StatementLog(DataSource target) {
        super(target);
    }

    /** Runs the action and answers the one statement it ran that matches; fails unless exactly one did. */
    String statementOf(Runnable action, Predicate<String> which) {
        statements.clear();
        action.run();
        List<String> matching = statements.stream().filter(which).distinct().toList();
        if (matching.size() != 1) {
            throw new AssertionError("Expected one matching statement, the action ran: " + statements);
        }
        return matching.get(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return noting(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return noting(super.getConnection(username, password));
    }

    private Connection noting(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                    && args[0] instanceof String sql) {
                statements.add(sql);
            }
        }, result -> result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)
                ? noting(statement) : result);
    }

    private Statement noting(Statement statement) {
        return proxy(Statement.class, statement, (method, args) -> {
            if ((method.getName().startsWith("execute") || method.getName().equals("addBatch"))
                    && args != null && args.length > 0 && args[0] instanceof String sql) {
                statements.add(sql);
            }
        }, result -> result);
    }

    private interface Call {
        void seen(Method method, Object[] args);
    }

    private interface Result {
        Object wrap(Object result);
    }

    private static <T> T proxy(Class<T> type, T target, Call call, Result result) {
        return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    call.seen(method, args);
                    try {
                        return result.wrap(method.invoke(target, args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
