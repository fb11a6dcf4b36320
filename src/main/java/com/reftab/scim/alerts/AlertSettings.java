package com.reftab.scim.alerts;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of the equipment alerts ({@code reftab.equipment-alerts.*}, defaults in application.yml).
 *
 * @param maxRecipients e-mail addresses a tenant may name
 * @param maxRecipientLength characters of one address
 * @param notificationsPerMinute notifications (alert messages and digests, each channel counted once) a tenant is sent per minute at most; pending alerts wait and are then sent together
 * @param maxAlertsPerNotification alerts one message carries at most (the rest follow in the next)
 * @param maxItemsPerAlert items listed per person in an alert or digest (the count is always given)
 * @param maxDigestPeople people a digest lists (the count is always given)
 * @param deliveryAttempts tries of one notification before it is left failed
 * @param retryDelay wait after the first failed try, doubling after each
 * @param settleDelay how long after a deactivation or checkout the person is checked, so the accounts and holdings consumers have applied the same change
 * @param checkWaits times a check waits for the account or holding to reflect its change (backing off from settleDelay, doubling, at most 5 min) before it is dropped, logged and counted
 * @param webhookTimeout the whole webhook call
 * @param allowInsecureWebhooks tests and local runs only: http and loopback or private hosts
 * @param senderThreads notifications sent at once, across tenants (each tenant at most one)
 * @param senderQueue notifications waiting for a sender; beyond, they wait in the database
 * @param pollIntervalMs how often due checks and notifications are looked for
 */
@Validated
@ConfigurationProperties("reftab.equipment-alerts")
public record AlertSettings(@Min(1) @Max(100) int maxRecipients, @Min(6) @Max(320) int maxRecipientLength,
                            @Min(1) int notificationsPerMinute, @Min(1) @Max(500) int maxAlertsPerNotification,
                            @Min(1) int maxItemsPerAlert, @Min(1) int maxDigestPeople,
                            @Min(1) @Max(20) int deliveryAttempts, @NotNull Duration retryDelay,
                            @NotNull Duration settleDelay, @Min(1) @Max(30) int checkWaits, @NotNull Duration webhookTimeout,
                            boolean allowInsecureWebhooks, @Min(1) int senderThreads, @Min(1) int senderQueue,
                            @Min(10) long pollIntervalMs) {
}
