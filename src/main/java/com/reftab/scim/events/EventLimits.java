package com.reftab.scim.events;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How large an event may be ({@code reftab.events.max-event-bytes}, default in application.yml);
 * {@link EventSizeLimit} checks it against the producer's {@link ProducerLimits#maxRequestSize()}.
 *
 * @param maxEventBytes the largest event (bytes of its CloudEvent JSON) a write may produce
 */
@Validated
@ConfigurationProperties("reftab.events")
public record EventLimits(@Min(1024) int maxEventBytes) {
}
