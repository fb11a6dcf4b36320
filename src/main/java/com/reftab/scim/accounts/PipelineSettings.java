package com.reftab.scim.accounts;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How late the user store may be ({@code reftab.pipeline.max-delay}, default in application.yml).
 *
 * @param maxDelay longest an event may wait before the user store applies it; past it the
 *                 pipeline's health is DEGRADED and the console says deactivations are late
 */
@Validated
@ConfigurationProperties("reftab.pipeline")
public record PipelineSettings(@NotNull @DurationMin(seconds = 1) Duration maxDelay) {
}
