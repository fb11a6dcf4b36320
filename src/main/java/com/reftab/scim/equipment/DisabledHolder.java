package com.reftab.scim.equipment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A person provisioning has disabled who still holds equipment: the items and their total value. */
public record DisabledHolder(String userId, String userName, String displayName, Instant disabledAt,
                             BigDecimal totalValue, List<HeldItem> items) {

    public DisabledHolder {
        items = List.copyOf(items);
    }

    /** Whole days since the person was disabled, as of {@code now}. */
    public long daysDisabled(Instant now) {
        return disabledAt == null ? 0 : Math.max(0, Duration.between(disabledAt, now).toDays());
    }
}
