package com.reftab.scim.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker in this process, so the first run needs no Kafka installation.
 * Its log directory lives under the data directory, so topics and consumer offsets survive a restart.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

    private final CompletableFuture<KafkaRaftServer> server;
    private final String bootstrapServers;

    private LocalKafkaBroker(CompletableFuture<KafkaRaftServer> server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Kafka's own default producer {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
    /** The broker takes a little more than a producer may send: a record the producer passes is never refused here. */
    static final int MESSAGE_MARGIN = 64 * 1024;

    /** Starts the broker and waits until it serves. */
    public static LocalKafkaBroker start(Path logDir, int port) {
        return starting(logDir, port, DEFAULT_MAX_REQUEST_SIZE).awaitStarted();
    }

    /**
     * Starts the broker on a thread of its own and returns at once, its address already known: the
     * service's start-up goes on meanwhile, and Kafka clients connect once it serves. It accepts
     * records up to a little over {@code producerMaxRequestSize}, on every topic it creates.
     */
    public static LocalKafkaBroker starting(Path logDir, int port, int producerMaxRequestSize) {
        try {
            Files.createDirectories(logDir);
            int brokerPort = port > 0 ? port : freePort();
            int controllerPort = freePort();
            Map<String, Object> props = new HashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toAbsolutePath().toString());
            props.put("num.partitions", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "true");
            // Topics created here take the broker's limit, above the producer's and so above the event bound.
            props.put("message.max.bytes", Integer.toString(producerMaxRequestSize + MESSAGE_MARGIN));
            // The cleaner compacts only the consumer offsets of a few groups: Kafka's 128 MB
            // de-duplication buffer would be a quarter of the service's heap.
            props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
            String bootstrap = "127.0.0.1:" + brokerPort;
            CompletableFuture<KafkaRaftServer> server = CompletableFuture.supplyAsync(() -> {
                try {
                    KafkaConfig config = new KafkaConfig(props, false);
                    formatOnce(logDir);
                    KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
                    started.startup();
                    LOG.info("Local Kafka broker started at {} with logs in {}", bootstrap, logDir.toAbsolutePath());
                    return started;
                } catch (Exception e) {
                    throw new IllegalStateException("The local Kafka broker could not start", e);
                }
            }, runnable -> {
                Thread thread = new Thread(runnable, "local-kafka-broker-start");
                thread.setDaemon(true);
                thread.start();
            });
            return new LocalKafkaBroker(server, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalStateException if the broker could not start */
    public LocalKafkaBroker awaitStarted() {
        try {
            server.join();
            return this;
        } catch (CompletionException e) {
            throw e.getCause() instanceof IllegalStateException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    private static void formatOnce(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String dir = logDir.toAbsolutePath().toString();
        new Formatter()
                .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dir)
                .setDirectories(Set.of(dir))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        KafkaRaftServer started;
        try {
            started = server.join();
        } catch (CompletionException notStarted) {
            return;
        }
        started.shutdown();
        started.awaitShutdown();
    }
}
