package com.reftab.scim.database;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the H2 database file's dead space is reclaimed ({@code reftab.db.h2-compaction.*}, defaults in
 * application.yml; see {@link H2StoreCompaction}). Not used on PostgreSQL.
 *
 * @param interval       how often the file's sparsest chunks are rewritten; zero turns it off
 * @param targetFillRate the live share (percent) of the chunks old enough to rewrite below which a round rewrites
 * @param maxRewrite     live data one round rewrites at most, so a commit waits for little of it
 */
@Validated
@ConfigurationProperties("reftab.db.h2-compaction")
public record H2CompactionSettings(@NotNull Duration interval,
                                   @Min(1) @Max(100) int targetFillRate,
                                   @NotNull DataSize maxRewrite) {

    @AssertTrue(message = "must be 0s (off) or at least 1ms")
    public boolean isIntervalValid() {
        return interval == null || interval.isZero() || interval.toMillis() >= 1;
    }

    @AssertTrue(message = "must be between 64KB and 1GB")
    public boolean isMaxRewriteValid() {
        return maxRewrite == null || (maxRewrite.toBytes() >= 65_536 && maxRewrite.toBytes() <= 1L << 30);
    }
}
