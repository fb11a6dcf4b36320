package com.reftab.scim.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.reftab.scim.ReftabScimApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service started in the test's JVM, for tests that take its database or its Kafka away:
 * on any free port, without a request rate limit, its Kafka consumers polling briefly so that
 * shutting it down does not wait.
 */
final class InProcessService {

    private InProcessService() {
    }

    /** The service with the test's own settings (a later setting of the same name wins). */
    static ConfigurableApplicationContext start(Path dataDir, List<String> settings) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--reftab.data-dir=" + dataDir,
                "--reftab.scim.rate-limit.per-minute=0", "--camel.component.kafka.poll-timeout-ms=200"));
        all.addAll(settings);
        return new SpringApplicationBuilder(ReftabScimApplication.class).run(all.toArray(String[]::new));
    }

    /** The service on a database server of the test's own. */
    static ConfigurableApplicationContext start(Path dataDir, StoppableDatabase database, String... settings) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(), "--spring.datasource.password="));
        all.addAll(List.of(settings));
        return start(dataDir, all);
    }

    /**
     * The service on a Kafka of the test's own and a new in-memory database, its SCIM and admin
     * tokens {@code name-scim} and {@code name-admin}.
     */
    static ConfigurableApplicationContext start(Path dataDir, String brokers, String name, String... settings) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--reftab.kafka.brokers=" + brokers, "--camel.component.kafka.brokers=" + brokers,
                "--reftab.scim.token=" + name + "-scim", "--reftab.admin.token=" + name + "-admin"));
        all.addAll(List.of(settings));
        return start(dataDir, all);
    }

    static int port(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }

    /** A client for the actuator, which does not speak application/scim+json, the type HttpCalls asks for first. */
    static HttpCalls probes(ConfigurableApplicationContext service) {
        return new HttpCalls(port(service), null).withHeader("Accept", "application/json");
    }

    /** Stops the service, then its database; either may not have started. */
    static void stop(ConfigurableApplicationContext service, StoppableDatabase database) {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
