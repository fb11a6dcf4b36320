package com.reftab.scim.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;

/**
 * One real PostgreSQL server for the whole test JVM, started on first use and stopped when the
 * JVM exits. It hands out empty databases, so every Spring context gets one of its own.
 */
public final class EmbeddedPostgresServer {

    public record Database(String name, String jdbcUrl, String user, String password) {
    }

    private static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgresServer() {
    }

    /** Creates a new, empty database (Flyway builds the schema when a context starts on it). */
    public static Database createDatabase() {
        String name = "reftab_" + DATABASES.incrementAndGet();
        try (Connection connection = Server.INSTANCE.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        return new Database(name, "jdbc:postgresql://localhost:" + Server.INSTANCE.getPort() + "/" + name, USER, "");
    }

    /** Holds the server; the class initialisation starts it once, on first use, thread-safely. */
    private static final class Server {

        private static final Duration STOP_AT_THE_LATEST = Duration.ofSeconds(20);
        private static final CountDownLatch STOPPED = new CountDownLatch(1);

        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            EmbeddedPostgres server;
            try {
                server = EmbeddedPostgres.builder()
                        // The data is thrown away at exit: durability only costs time here.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        // Tests fill young tables within seconds; with statistics of the empty tables the
                        // planner chose nested loops that took minutes. A server in service has
                        // statistics at most a minute old; here they follow within a second.
                        .setServerConfig("autovacuum_naptime", "1")
                        .setRegisterShutdownHook(false)
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
            // Stopped only after Spring Boot's shutdown hook has closed every context: stopped in a
            // hook of its own, it raced them, and their connection pools kept the JVM from exiting.
            SpringApplication.getShutdownHandlers().add(() -> stop(server));
            // Should closing a context hang, Surefire kills the JVM 30 s after exit began and the
            // server outlives it, orphaned; this hook stops it before that.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitStop(STOP_AT_THE_LATEST);
                stop(server);
            }, "embedded-postgres-stop"));
            return server;
        }

        private static void awaitStop(Duration timeout) {
            try {
                STOPPED.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void stop(EmbeddedPostgres server) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
            } finally {
                STOPPED.countDown();
            }
        }
    }
}
