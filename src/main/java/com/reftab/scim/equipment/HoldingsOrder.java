package com.reftab.scim.equipment;

/** The orders of the disabled-users-with-equipment report. */
public enum HoldingsOrder {
    /** Disabled the longest first. */
    OLDEST("oldest", "a.disabled_at, a.user_id"),
    /** The most value held first, then disabled the longest. */
    VALUE("value", "total_value desc, a.disabled_at, a.user_id");

    private final String name;
    private final String orderBy;

    HoldingsOrder(String name, String orderBy) {
        this.name = name;
        this.orderBy = orderBy;
    }

    public String shortName() {
        return name;
    }

    /** The SQL order of the report's statement: a constant, never the caller's text. */
    String orderBy() {
        return orderBy;
    }

    /** @return the order of that name, or null when there is none of that name */
    public static HoldingsOrder of(String name) {
        for (HoldingsOrder order : values()) {
            if (order.name.equals(name)) {
                return order;
            }
        }
        return null;
    }
}
