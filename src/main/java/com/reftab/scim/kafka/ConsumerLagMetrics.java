package com.reftab.scim.kafka;

import java.util.Optional;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How far each consumer route is behind, read from the cluster when metrics are scraped: the
 * events it has still to apply, and how long ago the oldest of them happened. One pair of gauges
 * per event consumer (every instance of the consumer route template), registered once the routes
 * are loaded.
 */
@Component
class ConsumerLagMetrics {

    private final MeterRegistry registry;
    private final ConsumerProgress progress;
    private final EventConsumers consumers;

    ConsumerLagMetrics(MeterRegistry registry, ConsumerProgress progress, EventConsumers consumers) {
        this.registry = registry;
        this.progress = progress;
        this.consumers = consumers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (EventConsumers.EventConsumer consumer : consumers.all()) {
            String group = consumer.groupId();
            Gauge.builder("reftab.consumer.lag", progress, standing(consumer, ConsumerProgress.Standing::lag))
                    .description("Events on the topic not yet applied by the consumer group")
                    .tag("group", group)
                    .register(registry);
            Gauge.builder("reftab.consumer.oldest.age", progress,
                            standing(consumer, standing -> standing.oldestUnappliedAge().toMillis() / 1000.0))
                    .description("Seconds since the oldest event the consumer group has not applied happened (0 when none waits)")
                    .baseUnit("seconds")
                    .tag("group", group)
                    .register(registry);
        }
    }

    /** NaN while the cluster cannot tell, so an outage shows as a gap rather than as zero. */
    private static ToDoubleFunction<ConsumerProgress> standing(EventConsumers.EventConsumer consumer, ToDoubleFunction<ConsumerProgress.Standing> value) {
        return progress -> {
            Optional<ConsumerProgress.Standing> standing = progress.of(consumer.groupId(), consumer.topic());
            return standing.isPresent() ? value.applyAsDouble(standing.get()) : Double.NaN;
        };
    }
}
