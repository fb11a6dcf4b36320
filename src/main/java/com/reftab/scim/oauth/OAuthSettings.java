package com.reftab.scim.oauth;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The per-tenant OAuth 2.0 token endpoint ({@code reftab.oauth.*}), defaults in application.yml.
 *
 * @param accessTokenLifetime how long an access token works: 60 to 360 minutes (Entra's gallery)
 * @param secretLifetimeDays the default life of a new client secret: 365 to 1095 days
 * @param maxClientsPerTenant clients a tenant may have
 * @param maxSecretsPerClient live (not revoked, not expired) secrets a client may have at once
 * @param tokenRequestMaxBytes largest token request body
 * @param tokenRequestTimeout time the whole token request body may take to arrive
 * @param maxTokenRequestsInFlight token requests one instance works on at once
 * @param rateLimit token requests per client id and per source address
 * @param signingKeyRotation age at which a new key takes over signing
 * @param clientStatusCache how long an instance trusts what it read of a client's existence
 * @param jwks how identity providers' JWKS documents are fetched and kept
 * @param signingKeySecret seals the signing keys' private parts in the database; empty: stored unsealed
 */
@Validated
@ConfigurationProperties("reftab.oauth")
public record OAuthSettings(@NotNull Duration accessTokenLifetime,
                            @Min(MIN_SECRET_DAYS) @Max(MAX_SECRET_DAYS) int secretLifetimeDays,
                            @Min(1) int maxClientsPerTenant, @Min(1) int maxSecretsPerClient,
                            @Min(256) int tokenRequestMaxBytes,
                            @NotNull Duration tokenRequestTimeout,
                            @Min(1) int maxTokenRequestsInFlight,
                            @Valid @NotNull RateLimit rateLimit,
                            @NotNull Duration signingKeyRotation,
                            @NotNull Duration clientStatusCache,
                            @Valid @NotNull Jwks jwks,
                            String signingKeySecret) {

    public OAuthSettings {
        signingKeySecret = signingKeySecret == null ? "" : signingKeySecret;
    }

    /** Never the secret: a record's own toString would put it in whatever logs the settings. */
    @Override
    public String toString() {
        return "OAuthSettings[accessTokenLifetime=" + accessTokenLifetime + ", secretLifetimeDays=" + secretLifetimeDays
                + ", maxClientsPerTenant=" + maxClientsPerTenant + ", maxSecretsPerClient=" + maxSecretsPerClient
                + ", tokenRequestMaxBytes=" + tokenRequestMaxBytes + ", tokenRequestTimeout=" + tokenRequestTimeout
                + ", maxTokenRequestsInFlight=" + maxTokenRequestsInFlight + ", rateLimit=" + rateLimit + ", signingKeyRotation="
                + signingKeyRotation + ", clientStatusCache=" + clientStatusCache + ", jwks=" + jwks
                + ", signingKeySecret=" + (signingKeySecret.isEmpty() ? "none" : "set") + "]";
    }

    public static final int MIN_SECRET_DAYS = 365;
    public static final int MAX_SECRET_DAYS = 1095;
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(60);
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(360);

    @AssertTrue(message = "must be between 60 and 360 minutes (Microsoft Entra ID's gallery requirement)")
    public boolean isAccessTokenLifetimeWithinBounds() {
        return accessTokenLifetime == null
                || (accessTokenLifetime.compareTo(MIN_LIFETIME) >= 0 && accessTokenLifetime.compareTo(MAX_LIFETIME) <= 0);
    }

    /** Shorter secrets are guessable enough to unseal a copied database's signing keys offline. */
    public static final int MIN_SIGNING_KEY_SECRET_LENGTH = 32;

    @AssertTrue(message = "must be empty or at least 32 characters (reftab.oauth.signing-key-secret)")
    public boolean isSigningKeySecretLongEnough() {
        return signingKeySecret.isEmpty() || signingKeySecret.length() >= MIN_SIGNING_KEY_SECRET_LENGTH;
    }

    /** Binding leaves a placeholder whose variable is missing as it is; prod requires the variable. */
    @AssertTrue(message = "is required: its environment variable REFTAB_OAUTH_SIGNING_KEY_SECRET is not set")
    public boolean isSigningKeySecretResolved() {
        return !signingKeySecret.startsWith("${");
    }

    @AssertTrue(message = "must be at least an hour")
    public boolean isSigningKeyRotationLongEnough() {
        return signingKeyRotation == null || signingKeyRotation.compareTo(Duration.ofHours(1)) >= 0;
    }

    /**
     * @param perMinute requests a minute, sustained; 0 turns the limit off
     * @param burst requests at once above the sustained rate
     */
    public record RateLimit(@Min(0) long perMinute, @Min(0) long burst) {
    }

    /**
     * @param timeout the whole fetch of a JWKS document: connecting, headers and body
     * @param maxBytes largest JWKS document read
     * @param cacheTtl how long a fetched JWKS is used before it is fetched again
     * @param maxCached JWKS documents kept at once (one per distinct URL)
     * @param refetchInterval an unknown key id refetches a JWKS at most this often
     * @param maxConcurrentFetches JWKS fetches at once across all tenants; one more is refused at once
     * @param allowInsecureHosts for tests and local runs only: allow http and hosts on loopback or private addresses
     */
    public record Jwks(@NotNull Duration timeout, @Min(1024) int maxBytes, @NotNull Duration cacheTtl,
                       @Min(1) int maxCached, @NotNull Duration refetchInterval, @Min(1) int maxConcurrentFetches,
                       boolean allowInsecureHosts) {
    }
}
