package com.reftab.bench.pg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts the embedded PostgreSQL 17 the tests use, on the port and data directory given, prints one
 * line {@code JDBC_URL <url> <user>} on standard output (the user has no password), and stops the server when standard input
 * closes (the benchmark closes it, or exits). Each line read from standard input meanwhile is run as
 * one SQL statement (the benchmark's {@code VACUUM ANALYZE} after seeding), answered by a line
 * {@code DONE} or {@code FAILED <reason>}.
 *
 * <pre>java -jar bench-pg.jar PORT DATA_DIR [setting=value ...]</pre>
 *
 * Unlike the tests' server it keeps PostgreSQL's durability (fsync, full page writes): the benchmark
 * measures durable writes. Logs go to standard error.
 */
public final class EmbeddedPostgresLauncher {

    private static final String USER = "postgres";

    private EmbeddedPostgresLauncher() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java -jar bench-pg.jar PORT DATA_DIR [setting=value ...]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dataDirectory = Path.of(args[1]);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            if (setting.length != 2) {
                System.err.println("not a setting=value: " + args[i]);
                System.exit(2);
            }
            settings.put(setting[0], setting[1]);
        }

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                // Also stops the server when the benchmark is killed rather than closing stdin.
                .setRegisterShutdownHook(true);
        settings.forEach(builder::setServerConfig);
        try (EmbeddedPostgres server = builder.start()) {
            System.out.println("JDBC_URL jdbc:postgresql://localhost:" + server.getPort() + "/postgres " + USER);
            System.out.flush();
            runStatements(server);
        }
    }

    private static void runStatements(EmbeddedPostgres server) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(line);
                System.out.println("DONE");
            } catch (Exception e) {
                // Answered, never thrown: leaving main would stop the server under the running service.
                System.out.println("FAILED " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
            System.out.flush();
        }
    }
}
