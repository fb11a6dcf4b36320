package com.reftab.scim.alerts;

/** Why a disabled person's equipment is alerted about. */
public enum AlertReason {
    /** The person was disabled while holding equipment. */
    DISABLED("disabled"),
    /** An item was checked out to a person already disabled. */
    CHECKOUT_TO_DISABLED("checkout-to-disabled");

    private final String value;

    AlertReason(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
