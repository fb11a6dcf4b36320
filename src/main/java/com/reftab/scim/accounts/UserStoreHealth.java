package com.reftab.scim.accounts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.reftab.scim.kafka.EventConsumers;
import com.reftab.scim.kafka.ConsumerProgress;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/userStore}: whether the user store keeps up with the directory, that is
 * whether the oldest event a consumer route has not applied is younger than
 * {@code reftab.pipeline.max-delay}. Past it the status is {@code DEGRADED}: worth an alert, since
 * deactivated people keep their login until it is applied, but no reason to stop serving the API,
 * so it is not part of readiness (the overall health shows it; its HTTP status stays 200).
 * {@code UNKNOWN} while the cluster cannot be asked.
 */
@Component("userStore")
class UserStoreHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Events wait longer than the pipeline's delay bound");

    private final ConsumerProgress progress;
    private final EventConsumers consumers;
    private final Duration maxDelay;

    /** Every event consumer is watched, whichever instances of the consumer template there are. */
    UserStoreHealth(ConsumerProgress progress, EventConsumers consumers, PipelineSettings settings) {
        this.progress = progress;
        this.consumers = consumers;
        this.maxDelay = settings.maxDelay();
    }

    @Override
    public Health health() {
        Status status = Status.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("maxDelaySeconds", maxDelay.toMillis() / 1000.0);
        for (EventConsumers.EventConsumer consumer : consumers.all()) {
            String group = consumer.groupId();
            Optional<ConsumerProgress.Standing> standing = progress.of(group, consumer.topic());
            if (standing.isEmpty()) {
                details.put(group, Map.of("error", "the Kafka cluster could not be asked"));
                if (status == Status.UP) {
                    status = Status.UNKNOWN;
                }
                continue;
            }
            Duration age = standing.get().oldestUnappliedAge();
            details.put(group, Map.of("lag", standing.get().lag(), "oldestUnappliedAgeSeconds", age.toMillis() / 1000.0));
            if (age.compareTo(maxDelay) > 0) {
                status = DEGRADED;
            }
        }
        return Health.status(status).withDetails(details).build();
    }
}
