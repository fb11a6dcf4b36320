package com.reftab.scim.alerts;

import java.time.Instant;
import java.util.List;

/**
 * What a tenant's admin set: who is told about disabled people with equipment, and when the digest goes out.
 *
 * @param updatedAt when the settings were last saved (the digest schedule counts from it)
 */
public record TenantAlertSettings(List<String> recipients, String webhookUrl, boolean emailEnabled,
                                  boolean webhookEnabled, boolean digestEnabled, DigestSchedule digest,
                                  Instant lastDigestAt, Instant updatedAt) {

    public TenantAlertSettings {
        recipients = List.copyOf(recipients);
    }

    /** A tenant that set nothing: nothing is sent (the alert event is still published). */
    public static TenantAlertSettings none() {
        return new TenantAlertSettings(List.of(), null, false, false, false, DigestSchedule.DEFAULT, null, null);
    }

    public boolean emails() {
        return emailEnabled && !recipients.isEmpty();
    }

    public boolean webhook() {
        return webhookEnabled && webhookUrl != null;
    }

    public boolean notifies() {
        return emails() || webhook();
    }
}
