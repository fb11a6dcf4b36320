package com.reftab.scim.kafka;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The consumer groups of the user store ({@code reftab.projection.group-id},
 * {@code reftab.role-mapping.group-id}, defaults in application.yml), bound and validated here; the
 * consumer routes name them as placeholders. What watches every consumer (lag metrics, the
 * pipeline's health) finds the groups among the consumer template's instances ({@link EventConsumers}).
 */
@Validated
@ConfigurationProperties("reftab")
public record ConsumerGroups(@Valid @NotNull Group projection, @Valid @NotNull Group roleMapping) {

    /** @param groupId the Kafka consumer group */
    public record Group(@NotBlank String groupId) {
    }
}
