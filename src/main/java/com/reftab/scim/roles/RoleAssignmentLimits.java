package com.reftab.scim.roles;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds of a User's {@code roles} ({@code reftab.scim.roles.*}, defaults in application.yml).
 *
 * @param maxPerUser most distinct roles assigned to one person
 * @param maxEncodedLength longest role given as a JSON document in a string (Entra's PATCH), in characters
 */
@Validated
@ConfigurationProperties("reftab.scim.roles")
public record RoleAssignmentLimits(@Min(1) int maxPerUser, @Min(1) int maxEncodedLength) {
}
