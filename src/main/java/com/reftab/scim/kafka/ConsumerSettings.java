package com.reftab.scim.kafka;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the consumer routes retry and batch ({@code reftab.consumers.*}, defaults in
 * application.yml). The routes read these keys as placeholders; binding them here stops the start
 * on a value the routes could not work with: an empty batch, or a poll that never waits (a busy loop).
 *
 * @param poisonRetries retries of an event that fails for a reason other than an outage
 * @param outageRetries quick retries during an outage before the record is polled again
 * @param retryDelayMs the first retry's delay, doubling up to {@code maxRetryDelayMs}
 * @param maxRetryDelayMs the longest retry delay
 * @param batchSize events applied in one transaction at most
 * @param batchIntervalMs how long a consumer gathers events while more keep coming
 * @param pollTimeoutMs how long a consumer waits for more before applying what it has
 */
@Validated
@ConfigurationProperties("reftab.consumers")
public record ConsumerSettings(@Min(0) int poisonRetries, @Min(0) int outageRetries, @Min(0) long retryDelayMs,
                               @Min(0) long maxRetryDelayMs, @Min(1) int batchSize, @Min(0) long batchIntervalMs,
                               @Min(1) long pollTimeoutMs) {
}
