package com.reftab.scim.kafka;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The consumer groups of the user store ({@code reftab.projection.group-id},
 * {@code reftab.role-mapping.group-id}, defaults in application.yml); the consumer routes name
 * them as placeholders, the lag metrics and the pipeline's health watch them.
 */
@Validated
@ConfigurationProperties("reftab")
public record ConsumerGroups(@Valid @NotNull Group projection, @Valid @NotNull Group roleMapping) {

    /** @param groupId the Kafka consumer group */
    public record Group(@NotBlank String groupId) {
    }

    /** Every group the user store is written by. */
    public List<String> all() {
        return List.of(projection.groupId(), roleMapping.groupId());
    }
}
