package com.reftab.scim.roles;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds of a User's {@code roles} ({@code reftab.scim.roles.*}, defaults in application.yml).
 *
 * @param maxPerUser most distinct roles assigned to one person; at most {@value #MOST_PER_USER}, the most a user's
 *        list of direct roles in the role mapping's copy holds (V12)
 * @param maxEncodedLength longest role given as a JSON document in a string (Entra's PATCH), in characters
 */
@Validated
@ConfigurationProperties("reftab.scim.roles")
public record RoleAssignmentLimits(@Min(1) @Max(MOST_PER_USER) int maxPerUser, @Min(1) int maxEncodedLength) {

    /** The most roles per person the setting may allow. */
    public static final int MOST_PER_USER = 1000;
}
