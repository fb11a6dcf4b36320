package com.reftab.scim.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What the service asks of a new topic when the operator leaves replication unset, and what it refuses. */
class EventTopicSettingsTest {

    private static EventTopicSettings settings(Integer replicationFactor, Integer minInsyncReplicas) {
        return new EventTopicSettings("events", "events.dlq", replicationFactor, minInsyncReplicas, 1, Duration.ofSeconds(30));
    }

    @Test
    void unsetOnAClusterMeansThreeReplicasOfWhichTwoMustHaveEachWrite() {
        assertThat(settings(null, null).replicationFactor(false)).isEqualTo((short) 3);
        assertThat(settings(null, null).minInsyncReplicas(false)).isEqualTo(2);
    }

    @Test
    void unsetOnTheInProcessBrokerMeansOneReplica() {
        assertThat(settings(null, null).replicationFactor(true)).isEqualTo((short) 1);
        assertThat(settings(null, null).minInsyncReplicas(true)).isEqualTo(1);
    }

    @Test
    void aSingleReplicaClusterIsNotAskedForTwoInSync() {
        assertThat(settings(1, null).minInsyncReplicas(false)).isEqualTo(1);
    }

    @Test
    void moreInSyncReplicasThanReplicasIsRefusedAtStartUp() {
        assertThatThrownBy(() -> settings(2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-insync-replicas");
    }
}
