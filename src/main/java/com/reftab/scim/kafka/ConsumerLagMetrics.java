package com.reftab.scim.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many events each consumer route has still to apply: end offsets of the event topic minus
 * the group's committed offsets, read from the cluster when metrics are scraped.
 */
@Component
class ConsumerLagMetrics {

    private final CamelContext camel;
    private final String topic;
    private Admin admin;

    ConsumerLagMetrics(MeterRegistry registry, CamelContext camel, @Value("${reftab.events.topic}") String topic,
                       @Value("${reftab.projection.group-id}") String projectionGroup,
                       @Value("${reftab.role-mapping.group-id}") String roleMappingGroup) {
        this.camel = camel;
        this.topic = topic;
        for (String group : new String[] {projectionGroup, roleMappingGroup}) {
            Gauge.builder("reftab.consumer.lag", this, metrics -> metrics.lag(group))
                    .description("Events on the topic not yet applied by the consumer group")
                    .tag("group", group)
                    .register(registry);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    camel.getComponent("kafka", KafkaComponent.class).getConfiguration().getBrokers());
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            admin = Admin.create(properties);
        }
        return admin;
    }

    /** NaN while the cluster cannot tell, so an outage shows as a gap rather than as zero lag. */
    private double lag(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin().describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(3, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            long lag = 0;
            for (Map.Entry<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo> end
                    : admin().listOffsets(latest).all().get(3, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (ExecutionException e) {
            // Before the first event the topic does not exist yet: nothing to apply.
            return e.getCause() instanceof UnknownTopicOrPartitionException ? 0 : Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (RuntimeException | TimeoutException e) {
            return Double.NaN;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
