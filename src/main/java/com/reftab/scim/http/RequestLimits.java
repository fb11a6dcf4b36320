package com.reftab.scim.http;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the web layer bounds before a route runs ({@code reftab.scim.*}), defaults in application.yml.
 *
 * @param maxBodyBytes largest request body (413 past it)
 * @param bodyReadTimeout the whole body must arrive within this (408 past it)
 * @param inFlightPerTenant requests of one tenant in progress at once; 0 turns the bound off
 * @param inFlightPerInstance SCIM and admin requests of all tenants in progress at once; 0 turns the bound off
 */
@Validated
@ConfigurationProperties("reftab.scim")
public record RequestLimits(@Min(1) long maxBodyBytes, @NotNull @DurationMin(millis = 1) Duration bodyReadTimeout, @Min(0) int inFlightPerTenant,
                            @Min(0) int inFlightPerInstance) {
}
