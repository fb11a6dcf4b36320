package com.reftab.scim.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service's topics are created when they do not exist yet. An unset replication factor or
 * {@code min.insync.replicas} means 3 and 2 on an external cluster, 1 and 1 on the in-process broker.
 *
 * @param topic the event topic
 * @param deadLetterTopic where consumers park events they cannot apply
 * @param replicationFactor copies of each partition; null for the default
 * @param minInsyncReplicas copies that must have a write before it is acknowledged; null for the default
 * @param partitions partitions of a new topic (a tenant's events stay on one, in order)
 * @param setupTimeout longest the start-up waits for a reachable cluster to create or describe the topics
 */
@ConfigurationProperties("reftab.events")
public record EventTopicSettings(String topic, String deadLetterTopic, Integer replicationFactor,
                                 Integer minInsyncReplicas, int partitions, Duration setupTimeout) {

    static final int CLUSTER_REPLICATION_FACTOR = 3;
    static final int CLUSTER_MIN_INSYNC_REPLICAS = 2;

    public EventTopicSettings {
        if (replicationFactor != null && replicationFactor < 1) {
            throw new IllegalArgumentException("reftab.events.replication-factor must be at least 1, not " + replicationFactor);
        }
        if (minInsyncReplicas != null && minInsyncReplicas < 1) {
            throw new IllegalArgumentException("reftab.events.min-insync-replicas must be at least 1, not " + minInsyncReplicas);
        }
        if (replicationFactor != null && minInsyncReplicas != null && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("reftab.events.min-insync-replicas (" + minInsyncReplicas
                    + ") cannot exceed reftab.events.replication-factor (" + replicationFactor + ")");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("reftab.events.partitions must be at least 1, not " + partitions);
        }
    }

    /** The replication factor to ask for: the configured one, or the default for this kind of cluster. */
    short replicationFactor(boolean inProcessBroker) {
        return (short) (replicationFactor != null ? replicationFactor
                : inProcessBroker ? 1 : CLUSTER_REPLICATION_FACTOR);
    }

    /** {@code min.insync.replicas} to ask for: the configured value, or the default for this kind of cluster. */
    int minInsyncReplicas(boolean inProcessBroker) {
        if (minInsyncReplicas != null) {
            return minInsyncReplicas;
        }
        return inProcessBroker ? 1 : Math.min(CLUSTER_MIN_INSYNC_REPLICAS, replicationFactor(false));
    }
}
