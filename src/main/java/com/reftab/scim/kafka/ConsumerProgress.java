package com.reftab.scim.kafka;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a consumer group stands on the event topic: how many events it has still to apply, and
 * how old the oldest of them is.
 *
 * <p>The age is read where it is cheap and true for every instance: the group's committed offset
 * on each partition is the first record it has not applied (consumers commit only what is applied
 * or parked), and a tenant's events are in order on one partition, so the oldest unapplied event
 * is, on some partition, the record at the committed offset. Per partition that lags, one fetch
 * from that offset gives it; the age is measured from that event's {@code time} (the change in the
 * directory), so it covers the wait in the outbox as well. Nothing else of the topic is read, and
 * an answer is kept for {@link #FRESH} so scrapes, health checks and the admin console share it.
 */
@Component
public class ConsumerProgress {

    /** How long one reading of the cluster answers every caller. */
    static final Duration FRESH = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final JsonFactory JSON = new JsonFactory();

    /** One group's standing; {@code oldestUnapplied} is empty when it has applied everything. */
    public record Standing(long lag, Optional<Instant> oldestUnapplied, Instant readAt) {

        public Duration oldestUnappliedAge() {
            return oldestUnapplied.map(time -> Duration.between(time, readAt))
                    .filter(age -> !age.isNegative())
                    .orElse(Duration.ZERO);
        }
    }

    private record Reading(Optional<Standing> standing, Instant readAt) {
    }

    private final CamelContext camel;
    private final String topic;
    private final Clock clock;
    private final Map<String, Reading> readings = new HashMap<>();
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> reader;

    @Autowired
    ConsumerProgress(CamelContext camel, EventTopicSettings topics) {
        this(camel, topics.topic(), Clock.systemUTC());
    }

    ConsumerProgress(CamelContext camel, String topic, Clock clock) {
        this.camel = camel;
        this.topic = topic;
        this.clock = clock;
    }

    /** The group's standing, or empty while the cluster cannot tell (an outage shows as unknown, not as caught up). */
    public Optional<Standing> of(String group) {
        return of(group, topic);
    }

    /** The group's standing on another topic than the event topic (the loans topic's consumer). */
    public synchronized Optional<Standing> of(String group, String topic) {
        Instant now = clock.instant();
        String key = group + "@" + topic;
        Reading last = readings.get(key);
        if (last != null && last.readAt().plus(FRESH).isAfter(now)) {
            return last.standing();
        }
        Optional<Standing> standing = read(group, topic, now);
        readings.put(key, new Reading(standing, now));
        return standing;
    }

    private Optional<Standing> read(String group, String topic, Instant now) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> partitions = admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
            long lag = 0;
            Map<TopicPartition, Long> firstUnapplied = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                // A group that never committed starts at the beginning (autoOffsetReset: earliest).
                long next = Math.max(done == null ? 0 : done.offset(), start.get(partition));
                long behind = end.get(partition) - next;
                if (behind > 0) {
                    lag += behind;
                    firstUnapplied.put(partition, next);
                }
            }
            return Optional.of(new Standing(lag, oldestTime(firstUnapplied), now));
        } catch (ExecutionException e) {
            // Before the first event the topic does not exist yet: nothing to apply.
            return e.getCause() instanceof UnknownTopicOrPartitionException
                    ? Optional.of(new Standing(0, Optional.empty(), now)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RuntimeException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, ListOffsetsResultInfo> found = admin()
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The time of the oldest of these records: one fetch from each offset, the rest of the topic unread. */
    private Optional<Instant> oldestTime(Map<TopicPartition, Long> firstUnapplied) throws TimeoutException {
        if (firstUnapplied.isEmpty()) {
            return Optional.empty();
        }
        KafkaConsumer<byte[], byte[]> consumer = reader();
        consumer.assign(firstUnapplied.keySet());
        firstUnapplied.forEach(consumer::seek);
        Map<TopicPartition, Instant> times = new HashMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (times.size() < firstUnapplied.size()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("No record read from " + firstUnapplied);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (times.putIfAbsent(partition, eventTime(record.value(), record.timestamp())) == null) {
                        consumer.pause(List.of(partition));
                    }
                }
            }
        } finally {
            // Unassigned after a failed reading too: a partition left paused would stay paused in the
            // next assignment, and every reading after would time out.
            consumer.assign(List.of());
        }
        return times.values().stream().min(Instant::compareTo);
    }

    /** The CloudEvent's {@code time}, read without parsing the rest; else when Kafka received the record. */
    static Instant eventTime(byte[] value, long recordTimestamp) {
        if (value != null) {
            try (JsonParser parser = JSON.createParser(value)) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken token = parser.nextToken();
                        if ("time".equals(field) && token == JsonToken.VALUE_STRING) {
                            return Instant.parse(parser.getText());
                        }
                        parser.skipChildren();
                    }
                }
            } catch (IOException | DateTimeParseException notAnEvent) {
                // A record that is not a CloudEvent (it will be parked): Kafka's time is all there is.
            }
        }
        return Instant.ofEpochMilli(recordTimestamp);
    }

    private Admin admin() {
        if (admin == null) {
            Properties properties = clientProperties();
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            admin = Admin.create(properties);
        }
        return admin;
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        if (reader == null) {
            Properties properties = clientProperties();
            properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "reftab-consumer-progress-" + UUID.randomUUID());
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // Offsets past the retention: the oldest record still there is the oldest unapplied.
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // One record per partition is needed; the broker still sends a whole first batch.
            properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 65536);
            properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1048576);
            properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            reader = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return reader;
    }

    /** The brokers and the security settings the routes' Kafka component uses (SASL, TLS), nothing else of it. */
    private Properties clientProperties() {
        KafkaConfiguration configuration = camel.getComponent("kafka", KafkaComponent.class).getConfiguration();
        Properties properties = new Properties();
        configuration.createConsumerProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                properties.put(name, value);
            }
        });
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, configuration.getBrokers());
        return properties;
    }

    @PreDestroy
    synchronized void close() {
        if (reader != null) {
            reader.close(Duration.ofSeconds(1));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
