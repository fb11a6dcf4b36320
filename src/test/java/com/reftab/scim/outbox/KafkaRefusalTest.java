package com.reftab.scim.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;

import org.apache.camel.CamelExchangeException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** Which failures of a send hold a tenant (Kafka will refuse again) and which are waited out. */
class KafkaRefusalTest {

    @Test
    void aRecordTooLargeUnserialisableNotAuthorisedOrForAnInvalidTopicIsRefusedForGood() {
        assertThat(KafkaRefusal.permanent(new RecordTooLargeException("too large"))).isTrue();
        assertThat(KafkaRefusal.permanent(new SerializationException("bad value"))).isTrue();
        assertThat(KafkaRefusal.permanent(new TopicAuthorizationException("no ACL"))).isTrue();
        assertThat(KafkaRefusal.permanent(new InvalidTopicException("bad name"))).isTrue();
    }

    @Test
    void aRefusalIsFoundWhereverCamelOrTheFutureWrappedIt() {
        assertThat(KafkaRefusal.permanent(new CamelExchangeException("failed", null,
                new ExecutionException(new RecordTooLargeException("too large"))))).isTrue();
    }

    @Test
    void timeoutsRetriableErrorsAndTheDatabaseAwayAreWaitedOut() {
        assertThat(KafkaRefusal.permanent(new TimeoutException("expired"))).isFalse();
        assertThat(KafkaRefusal.permanent(new NotEnoughReplicasException("one of three"))).isFalse();
        assertThat(KafkaRefusal.permanent(new SQLTransientConnectionException("pool empty"))).isFalse();
    }

    @Test
    void anUnknownFailureNeverParksAnEvent() {
        assertThat(KafkaRefusal.permanent(new IllegalStateException("producer closed"))).isFalse();
    }
}
