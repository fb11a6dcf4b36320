package com.reftab.scim.events;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka producer's own bound, read from Camel's component settings (default in application.yml):
 * events must fit under it, and the in-process broker must take what it sends.
 *
 * @param maxRequestSize the largest record the producer sends ({@code max.request.size})
 */
@Validated
@ConfigurationProperties("camel.component.kafka")
public record ProducerLimits(@Min(1) int maxRequestSize) {
}
