package com.reftab.scim.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.reftab.scim.equipment.EquipmentHoldings;
import com.reftab.scim.equipment.HoldingsOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduled digest: for each tenant whose schedule's slot has come since its last digest, the
 * list of everyone disabled who still holds equipment, to the same recipients as the alerts. A
 * tenant with nobody to list gets no message (its slot is recorded all the same). The slot is
 * recorded in the transaction that queues the digest, so two instances never send it twice.
 */
@Component("digests")
public class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    static final int TENANTS_PER_PAGE = 200;

    private final TenantAlertSettingsStore store;
    private final EquipmentHoldings holdings;
    private final NotificationQueue queue;
    private final TransactionTemplate transaction;
    private final AlertSettings settings;
    private final Clock clock;

    public Digests(TenantAlertSettingsStore store, EquipmentHoldings holdings, NotificationQueue queue,
                   TransactionTemplate transaction, AlertSettings settings, Clock alertClock) {
        this.store = store;
        this.holdings = holdings;
        this.queue = queue;
        this.transaction = transaction;
        this.settings = settings;
        this.clock = alertClock;
    }

    /** The scheduled run (routes/equipment-alerts.yaml). @return digests queued */
    public int runDue() {
        return runDue(clock.instant());
    }

    /** The tenants whose digest is due at {@code now}. */
    public List<TenantAlertSettingsStore.Row> due(Instant now) {
        List<TenantAlertSettingsStore.Row> due = new ArrayList<>();
        String after = "";
        while (true) {
            List<TenantAlertSettingsStore.Row> page = store.withDigest(after, TENANTS_PER_PAGE);
            for (TenantAlertSettingsStore.Row row : page) {
                TenantAlertSettings tenant = row.settings();
                if (tenant.digest().isDue(now, tenant.lastDigestAt(), tenant.updatedAt())) {
                    due.add(row);
                }
            }
            if (page.size() < TENANTS_PER_PAGE) {
                return due;
            }
            after = page.get(page.size() - 1).tenantId();
        }
    }

    /**
     * Queues the digest of every tenant due at {@code now} (the schedule's time: tests name one; the
     * notifications themselves are due at once). @return digests queued
     */
    public int runDue(Instant now) {
        int queued = 0;
        for (TenantAlertSettingsStore.Row row : due(now)) {
            try {
                Boolean sent = transaction.execute(status -> send(row.tenantId(), row.settings(), now));
                queued += Boolean.TRUE.equals(sent) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Equipment digest of tenant {} failed, will retry: {}", row.tenantId(), e.toString());
            }
        }
        return queued;
    }

    private boolean send(String tenantId, TenantAlertSettings tenant, Instant now) {
        if (!store.digestSent(tenantId, tenant.lastDigestAt(), now)) {
            return false;
        }
        if (queue.channels(tenant).isEmpty()) {
            return false;
        }
        EquipmentHoldings.Page holders = holdings.disabledWithEquipment(tenantId, HoldingsOrder.OLDEST, 0,
                settings.maxDigestPeople());
        if (holders.holders().isEmpty()) {
            return false;
        }
        queue.enqueue(tenantId, NotificationQueue.Kind.DIGEST,
                AlertMessages.digest(holders.total(), holders.holders(), settings.maxItemsPerAlert()), tenant,
                clock.instant());
        return true;
    }
}
