package com.reftab.scim.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of its own for a test that takes the database away: stopped and started
 * again on the same data directory and port, so a service keeps its URL and finds its data.
 */
public final class StoppablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private EmbeddedPostgres server;
    private int port;

    private StoppablePostgres(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Starts a new server on an empty data directory and a free port. */
    public static StoppablePostgres startIn(Path dataDirectory) {
        StoppablePostgres postgres = new StoppablePostgres(dataDirectory);
        postgres.start();
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the server the way an operator does (pg_ctl stop -m fast): open connections are cut. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL", e);
        } finally {
            server = null;
        }
    }

    /** Starts the server again with the data it had, on the port it had. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "off")
                    .setRegisterShutdownHook(true);
            if (port != 0) {
                builder.setPort(port);
            }
            server = builder.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
