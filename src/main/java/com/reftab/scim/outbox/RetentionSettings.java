package com.reftab.scim.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long published events and dead letters are kept, and how retention deletes them
 * ({@code reftab.retention.*}, defaults in application.yml; the retention route reads
 * {@code interval-ms} as a placeholder).
 *
 * @param publishedEvents published outbox events older than this are deleted
 * @param deadLetters dead letters and parked relay events older than this are deleted
 * @param intervalMs how often retention runs
 * @param batchSize rows per delete statement
 * @param maxBatchesPerRun delete statements per table and run
 */
@Validated
@ConfigurationProperties("reftab.retention")
public record RetentionSettings(@NotNull @DurationMin(seconds = 0) Duration publishedEvents,
                                @NotNull @DurationMin(seconds = 0) Duration deadLetters, @Min(1) long intervalMs,
                                @Min(1) int batchSize, @Min(1) int maxBatchesPerRun) {
}
