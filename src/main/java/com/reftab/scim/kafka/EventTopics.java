package com.reftab.scim.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.reftab.scim.equipment.LoanSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Creates the event topic and the dead-letter topic at start-up, before any route can use them, with
 * the configured partitions, replication factor and {@code min.insync.replicas}, so that they do
 * not depend on the broker's auto-creation defaults (often one replica). A topic that exists is
 * left as it is, with a warning if it has fewer replicas than asked for.
 *
 * <p>Never stops the service: a cluster that refuses (not authorised, too few brokers) or cannot
 * be reached at start-up is logged with what to create by hand, and the service goes on.
 */
@Component
class EventTopics extends LastStartUpStep {

    private static final Logger LOG = LoggerFactory.getLogger(EventTopics.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final EventTopicSettings settings;
    private final ObjectProvider<CamelContext> camel;
    private final LocalKafkaBroker localBroker;
    private final String loansTopic;

    /**
     * Camel is looked up only when needed: a lifecycle bean's dependencies are started before it,
     * and Camel started that early would start without its routes.
     */
    EventTopics(EventTopicSettings settings, LoanSettings loans, ObjectProvider<CamelContext> camel,
                ObjectProvider<LocalKafkaBroker> localBroker) {
        this.settings = settings;
        this.loansTopic = loans.topic();
        this.camel = camel;
        this.localBroker = localBroker.getIfAvailable();
        if (settings.minInsyncReplicas(inProcess()) > settings.replicationFactor(inProcess())) {
            throw new IllegalArgumentException("reftab.events.min-insync-replicas (" + settings.minInsyncReplicas(inProcess())
                    + ") cannot exceed the replication factor (" + settings.replicationFactor(inProcess()) + ")");
        }
    }

    private boolean inProcess() {
        return localBroker != null;
    }

    /** Before the routes start: Camel starts once every lifecycle bean has. */
    @Override
    void run() {
        ensureTopics();
    }

    void ensureTopics() {
        KafkaConfiguration kafka = camel.getObject().getComponent("kafka", KafkaComponent.class).getConfiguration();
        if (localBroker != null) {
            localBroker.awaitStarted();
        } else if (!anyReachable(kafka.getBrokers())) {
            LOG.warn("Kafka is not reachable at {}: the topics {} were not checked; if the cluster creates them on first"
                    + " use, they get its defaults rather than {}", kafka.getBrokers(), topicNames(), wanted());
            return;
        }
        short replication = settings.replicationFactor(inProcess());
        Map<String, String> configs = Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                Integer.toString(settings.minInsyncReplicas(inProcess())));
        Admin admin = null;
        try {
            admin = Admin.create(adminProperties(kafka));
            List<NewTopic> topics = new ArrayList<>();
            for (String name : topicNames()) {
                topics.add(new NewTopic(name, settings.partitions(), replication).configs(configs));
            }
            long deadline = System.nanoTime() + settings.setupTimeout().toNanos();
            for (Map.Entry<String, KafkaFuture<Void>> topic : admin.createTopics(topics).values().entrySet()) {
                try {
                    topic.getValue().get(remaining(deadline), TimeUnit.NANOSECONDS);
                    LOG.info("Created Kafka topic {} with {}", topic.getKey(), wanted());
                } catch (ExecutionException e) {
                    refused(admin, topic.getKey(), e.getCause(), deadline);
                }
            }
        } catch (TimeoutException e) {
            LOG.warn("Kafka did not answer within {}: the topics {} were not checked; create them with {}",
                    settings.setupTimeout(), topicNames(), wanted());
        } catch (KafkaException e) {
            LOG.warn("The topics {} were not checked ({}); create them with {}", topicNames(), e.toString(), wanted());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (admin != null) {
                // What is still pending after the deadline is not waited for.
                admin.close(Duration.ofSeconds(1));
            }
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private void refused(Admin admin, String topic, Throwable cause, long deadline)
            throws InterruptedException, TimeoutException {
        if (cause instanceof TopicExistsException) {
            verify(admin, topic, deadline);
        } else if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
            LOG.warn("Not authorised to create Kafka topic {}: have it created with {} ({})", topic, wanted(), cause.getMessage());
        } else if (cause instanceof InvalidReplicationFactorException) {
            LOG.warn("Kafka topic {} could not be created with {}: the cluster has fewer brokers; set"
                    + " REFTAB_EVENTS_REPLICATION_FACTOR and REFTAB_EVENTS_MIN_INSYNC_REPLICAS to what it can hold ({})",
                    topic, wanted(), cause.getMessage());
        } else {
            LOG.warn("Kafka topic {} could not be created with {}: {}", topic, wanted(), cause.toString());
        }
    }

    /** An existing topic is the operator's: its settings are reported, never changed. */
    private void verify(Admin admin, String topic, long deadline) throws InterruptedException, TimeoutException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(remaining(deadline), TimeUnit.NANOSECONDS).get(topic);
            int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(remaining(deadline), TimeUnit.NANOSECONDS).get(resource);
            ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            int minInsync = entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
            if (replicas < settings.replicationFactor(inProcess()) || minInsync < settings.minInsyncReplicas(inProcess())) {
                LOG.warn("Kafka topic {} exists with replication factor {} and min.insync.replicas {}, below the {} asked for:"
                        + " an acknowledged event may be lost with a broker", topic, replicas, minInsync, wanted());
            } else {
                LOG.info("Kafka topic {} exists with replication factor {} and min.insync.replicas {}", topic, replicas, minInsync);
            }
        } catch (ExecutionException e) {
            LOG.warn("Kafka topic {} exists but could not be described: {}", topic, e.getCause().toString());
        }
    }

    private String wanted() {
        return settings.partitions() + " partition(s), replication factor " + settings.replicationFactor(inProcess())
                + ", min.insync.replicas " + settings.minInsyncReplicas(inProcess());
    }

    private Set<String> topicNames() {
        // The loans topic is the asset service's; created here too, so the in-process broker carries it.
        return new LinkedHashSet<>(List.of(settings.topic(), settings.deadLetterTopic(), loansTopic));
    }

    /** The producer's connection settings (security included), as the Kafka component was configured. */
    private Properties adminProperties(KafkaConfiguration kafka) {
        Properties properties = new Properties();
        Set<String> adminKeys = AdminClientConfig.configNames();
        kafka.createProducerProperties().forEach((key, value) -> {
            if (adminKeys.contains(key.toString())) {
                properties.put(key, value);
            }
        });
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokers());
        int timeout = (int) settings.setupTimeout().toMillis();
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 10000));
        return properties;
    }

    /**
     * Whether anything listens at one of the bootstrap addresses. The admin client would retry an
     * unreachable cluster until its timeout; this keeps a start-up with Kafka down from waiting for it.
     */
    private static boolean anyReachable(String bootstrapServers) {
        for (String address : bootstrapServers.split(",")) {
            String trimmed = address.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String host = trimmed.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(trimmed.substring(colon + 1))),
                        (int) PROBE_TIMEOUT.toMillis());
                return true;
            } catch (IOException | IllegalArgumentException unreachable) {
                // Try the next address.
            }
        }
        return false;
    }
}
