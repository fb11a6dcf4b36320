package com.reftab.scim.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay polls, batches, waits out failures and shares its lease
 * ({@code reftab.outbox.*}, defaults in application.yml; the relay route reads
 * {@code poll-interval-ms} as a placeholder).
 *
 * @param pollIntervalMs how often the relay looks for new events when no commit on this instance woke it
 * @param batchSize events published per poll at most
 * @param batchBytes payload bytes loaded and sent per poll at most (always at least one event)
 * @param retryDelayMs the wait after a failure that may pass, doubling up to {@code maxRetryDelayMs}
 * @param maxRetryDelayMs the longest wait after a failure
 * @param leaseSeconds how long another instance waits before taking over a stopped relay
 */
@Validated
@ConfigurationProperties("reftab.outbox")
public record OutboxSettings(@Min(1) long pollIntervalMs, @Min(1) int batchSize, @Min(1) long batchBytes,
                             @Min(1) long retryDelayMs, @Min(1) long maxRetryDelayMs, @Min(1) int leaseSeconds) {

    Duration retryDelay() {
        return Duration.ofMillis(retryDelayMs);
    }

    Duration maxRetryDelay() {
        return Duration.ofMillis(maxRetryDelayMs);
    }
}
