package com.reftab.scim.database;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How concurrent SCIM writes share a commit ({@code reftab.db.group-commit.*}, defaults in application.yml).
 *
 * @param enabled       off: every write commits alone, as before
 * @param maxBatch      most writes one commit takes
 * @param maxWait       longest a lane waits for more writes once it has one; zero takes only what is already queued
 * @param queueCapacity writes waiting per lane; past it a write is answered 503 with Retry-After at once
 * @param lanes         committers working at once; a tenant's writes always take the same lane
 */
@Validated
@ConfigurationProperties("reftab.db.group-commit")
public record GroupCommitSettings(boolean enabled,
                                  @Min(1) @Max(1000) int maxBatch,
                                  @NotNull Duration maxWait,
                                  @Min(1) int queueCapacity,
                                  @Min(1) @Max(64) int lanes) {
}
