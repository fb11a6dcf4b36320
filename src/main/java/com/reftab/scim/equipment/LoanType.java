package com.reftab.scim.equipment;

/** What a loan event says happened to an item, and the state it leaves the item in. */
public enum LoanType {
    CHECKED_OUT("checked-out", "held"),
    RETURNED("returned", "returned"),
    WRITTEN_OFF("written-off", "written-off");

    public static final String PREFIX = "com.reftab.assets.loan.";

    private final String name;
    private final String status;

    LoanType(String name, String status) {
        this.name = name;
        this.status = status;
    }

    /** As the demo API's body names it: {@code checked-out}, {@code returned}, {@code written-off}. */
    public String shortName() {
        return name;
    }

    /** The CloudEvents {@code type}. */
    public String cloudEventType() {
        return PREFIX + name;
    }

    /** The item's status once the event is applied: held, returned or written-off. */
    public String status() {
        return status;
    }

    /** @return the type of that short name or CloudEvents type, or null when it is none */
    public static LoanType of(String name) {
        for (LoanType type : values()) {
            if (type.name.equals(name) || type.cloudEventType().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
