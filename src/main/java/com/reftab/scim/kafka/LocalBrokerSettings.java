package com.reftab.scim.kafka;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the in-process broker keeps its logs ({@code reftab.data-dir}, default in application.yml)
 * and the port it listens on.
 *
 * @param dataDir the service's data directory; the broker's logs go under {@code kafka/}
 * @param kafka the broker's port
 */
@Validated
@ConfigurationProperties("reftab")
public record LocalBrokerSettings(@NotNull Path dataDir, @Valid @NotNull @DefaultValue Kafka kafka) {

    /** @param localPort the in-process broker's port; 0 (tests and local runs) picks a free one */
    public record Kafka(@DefaultValue("0") @Min(0) @Max(65535) int localPort) {
    }
}
