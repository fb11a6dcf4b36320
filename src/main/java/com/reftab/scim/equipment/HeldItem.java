package com.reftab.scim.equipment;

import java.math.BigDecimal;
import java.time.Instant;

/** An item a person holds: checked out to them since {@code since} and not returned or written off. */
public record HeldItem(String itemId, String name, String category, String assetTag, Instant since,
                       BigDecimal value, String currency) {
}
