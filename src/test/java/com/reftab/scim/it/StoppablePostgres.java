package com.reftab.scim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of its own for a test that takes the database away: stopped and started
 * again on the same data directory and port, so a service keeps its URL and finds its data.
 */
final class StoppablePostgres implements StoppableDatabase {

    private final Path dataDirectory;
    private EmbeddedPostgres server;
    private int port;

    private StoppablePostgres(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Starts a new server on an empty data directory and a free port. */
    static StoppablePostgres startIn(Path dataDirectory) {
        StoppablePostgres postgres = new StoppablePostgres(dataDirectory);
        postgres.start();
        return postgres;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    @Override
    public String user() {
        return "postgres";
    }

    /** Stops the server the way an operator does (pg_ctl stop -m fast): open connections are cut. */
    @Override
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

    @Override
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
