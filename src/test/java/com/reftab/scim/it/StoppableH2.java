package com.reftab.scim.it;

import java.nio.file.Path;
import java.sql.SQLException;

import org.h2.tools.Server;

/** An H2 database behind its own TCP server, as a service would reach a separate H2 server. */
final class StoppableH2 implements StoppableDatabase {

    private final Path baseDirectory;
    private Server server;
    private int port;

    private StoppableH2(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    static StoppableH2 startIn(Path baseDirectory) {
        StoppableH2 h2 = new StoppableH2(baseDirectory);
        h2.start();
        return h2;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:h2:tcp://localhost:" + port + "/reftab;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Override
    public String user() {
        return "sa";
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", baseDirectory.toString(),
                    "-ifNotExists").start();
            port = server.getPort();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not start the H2 server", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
