package com.reftab.scim.kafka;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Three Kafka nodes in this JVM, each broker and controller, with a three-voter KRaft quorum: any
 * one node can stop and the other two still elect a controller, lead partitions and accept
 * {@code acks=all} writes (replication 3, {@code min.insync.replicas} 2, the offsets topic too).
 *
 * <p>A stopped node gives the cluster no notice, as a crashed one would: it does no controlled
 * shutdown, so its partitions move only once the controller has missed its heartbeats for
 * {@value #SESSION_TIMEOUT_MS} ms. A restarted node keeps its id, ports and log directory.
 */
public final class ThreeBrokerCluster implements AutoCloseable {

    static final int SESSION_TIMEOUT_MS = 3000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final List<NodeSpec> nodes;
    private final Map<Integer, KafkaRaftServer> running = new HashMap<>();

    private record NodeSpec(int id, int brokerPort, int controllerPort, Path logDir) {
        String address() {
            return "127.0.0.1:" + brokerPort;
        }
    }

    private ThreeBrokerCluster(List<NodeSpec> nodes) {
        this.nodes = nodes;
    }

    /** Formats three nodes under {@code dir}, starts them together and waits until all three serve. */
    public static ThreeBrokerCluster start(Path dir) {
        // A node that loses its log directory halts the process it runs in: here that is the test
        // run, which would end without a word. Make it a failure of the node instead.
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("A Kafka node asked to halt the JVM (" + status + "): " + message);
        });
        List<NodeSpec> nodes = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            nodes.add(new NodeSpec(id, freePort(), freePort(), dir.resolve("node-" + id)));
        }
        ThreeBrokerCluster cluster = new ThreeBrokerCluster(nodes);
        String clusterId = Uuid.randomUuid().toString();
        for (NodeSpec node : nodes) {
            cluster.format(node, clusterId);
        }
        // Together: a node's start-up waits for a quorum, two of the three voters.
        List<CompletableFuture<Void>> starting = nodes.stream()
                .map(cluster::starting).toList();
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new))
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            cluster.close();
            throw new IllegalStateException("The three Kafka nodes did not start within " + START_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.close();
            throw new IllegalStateException(e);
        }
        cluster.awaitBrokers(3);
        return cluster;
    }

    public String bootstrapServers() {
        return nodes.stream().map(NodeSpec::address).collect(Collectors.joining(","));
    }

    /** The nodes that serve, by id. */
    public synchronized Set<Integer> runningNodes() {
        return Set.copyOf(running.keySet());
    }

    /** Stops one node without notice to the cluster (no controlled shutdown). */
    public void stop(int nodeId) {
        KafkaRaftServer server;
        synchronized (this) {
            server = running.remove(nodeId);
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /**
     * Starts a stopped node again, on the ports it had, and waits until the cluster counts it among
     * its brokers.
     */
    public void restart(int nodeId) {
        NodeSpec node = nodes.stream().filter(n -> n.id() == nodeId).findFirst().orElseThrow();
        if (runningNodes().contains(nodeId)) {
            throw new IllegalStateException("Kafka node " + nodeId + " is running");
        }
        try {
            starting(node).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka node " + nodeId + " did not start again within " + START_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        awaitBrokers(runningNodes().size());
    }

    /** An admin client of this cluster; the caller closes it. */
    public Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(properties);
    }

    /**
     * Stops the quorum's leader first, while a voter is left to acknowledge its resignation (alone,
     * it waits five seconds for one), then the other nodes together.
     */
    @Override
    public void close() {
        try {
            stopAll();
        } finally {
            Exit.resetHaltProcedure();
        }
    }

    private void stopAll() {
        quorumLeader().ifPresent(this::stop);
        List<CompletableFuture<Void>> stopping = nodes.stream()
                .map(node -> CompletableFuture.runAsync(() -> stop(node.id()), runnable -> {
                    Thread thread = new Thread(runnable, "kafka-node-" + node.id() + "-stop");
                    thread.setDaemon(true);
                    thread.start();
                })).toList();
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The Kafka nodes did not all stop within " + START_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Optional<Integer> quorumLeader() {
        if (runningNodes().size() < 2) {
            return Optional.empty();
        }
        try (Admin admin = admin()) {
            return Optional.of(admin.describeMetadataQuorum().quorumInfo().get(3, TimeUnit.SECONDS).leaderId());
        } catch (ExecutionException | TimeoutException unknown) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** On a thread of its own: the common pool may have a single thread on a small machine. */
    private CompletableFuture<Void> starting(NodeSpec node) {
        return CompletableFuture.runAsync(() -> startNode(node), runnable -> {
            Thread thread = new Thread(runnable, "kafka-node-" + node.id() + "-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private void startNode(NodeSpec node) {
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config(node), false), Time.SYSTEM);
        server.startup();
        synchronized (this) {
            running.put(node.id(), server);
        }
    }

    private Map<String, Object> config(NodeSpec node) {
        String voters = nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.id()));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://" + node.address() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://" + node.address());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", node.logDir().toAbsolutePath().toString());
        // What a production cluster is asked for: every write on three replicas, acknowledged by two.
        props.put("default.replication.factor", "3");
        props.put("min.insync.replicas", "2");
        props.put("offsets.topic.replication.factor", "3");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "3");
        props.put("transaction.state.log.min.isr", "2");
        props.put("unclean.leader.election.enable", "false");
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // A stop is a crash to the others: no controlled shutdown, found out by missed heartbeats.
        props.put("controlled.shutdown.enable", "false");
        props.put("broker.session.timeout.ms", Integer.toString(SESSION_TIMEOUT_MS));
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("controller.quorum.election.timeout.ms", "1000");
        props.put("controller.quorum.fetch.timeout.ms", "2000");
        // Three nodes share a test JVM (and two cores) with the service: few threads, small buffers.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.replica.fetchers", "1");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return props;
    }

    private void format(NodeSpec node, String clusterId) {
        try {
            Files.createDirectories(node.logDir());
            String dir = node.logDir().toAbsolutePath().toString();
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setClusterId(clusterId)
                    .setNodeId(node.id())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dir)
                    .setDirectories(Set.of(dir))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka node " + node.id() + " could not be formatted", e);
        }
    }

    /** Waits until the cluster's metadata lists {@code count} brokers. */
    private void awaitBrokers(int count) {
        try (Admin admin = admin()) {
            await("the cluster to list " + count + " brokers").atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() == count);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
