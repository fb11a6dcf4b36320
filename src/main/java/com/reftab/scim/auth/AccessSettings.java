package com.reftab.scim.auth;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the service and how often ({@code reftab.*}), defaults in application.yml.
 *
 * @param publicUrl the URL clients reach the service at; empty: taken from each request
 * @param dataDir where the first run's tokens are written when no terminal shows them
 * @param scim the SCIM API's token, rotation overlap and rate limit
 * @param admin the admin API's token, rotation overlap and rate limit
 * @param operator the operator API's token
 */
@Validated
@ConfigurationProperties("reftab")
public record AccessSettings(String publicUrl, @NotNull Path dataDir, @Valid @NotNull Api scim, @Valid @NotNull Api admin,
                             @Valid @NotNull Operator operator) {

    public AccessSettings {
        publicUrl = publicUrl == null ? "" : publicUrl;
    }

    /**
     * @param token a token to install for tenant {@code default} at start; empty: none
     * @param tokenRotationOverlap how long a rotated token keeps working beside its successor
     * @param rateLimit requests per tenant and instance
     */
    public record Api(String token, @NotNull @DurationMin(minutes = 1) Duration tokenRotationOverlap, @Valid @NotNull RateLimit rateLimit) {

        public Api {
            token = token == null ? "" : token;
        }

        /** Never the token: a record's own toString would put it in whatever logs the settings. */
        @Override
        public String toString() {
            return "Api[token=" + (token.isEmpty() ? "none" : "set") + ", tokenRotationOverlap=" + tokenRotationOverlap
                    + ", rateLimit=" + rateLimit + "]";
        }
    }

    /**
     * @param perMinute requests a minute, sustained; 0 turns the limit off
     * @param burst requests at once above the sustained rate
     */
    public record RateLimit(@Min(0) long perMinute, @Min(0) long burst) {

        TenantRateLimit.Budget budget() {
            return new TenantRateLimit.Budget(perMinute, burst);
        }
    }

    /** @param token opens the operator API; empty keeps it closed */
    public record Operator(String token) {

        public Operator {
            token = token == null ? "" : token;
        }

        @Override
        public String toString() {
            return "Operator[token=" + (token.isEmpty() ? "none" : "set") + "]";
        }
    }
}
