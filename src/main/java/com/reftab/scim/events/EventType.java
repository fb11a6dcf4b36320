package com.reftab.scim.events;

/** The CloudEvents {@code type} values of the provisioning event contract (docs/events.md). */
public enum EventType {
    USER_CREATED("com.reftab.scim.user.created"),
    USER_UPDATED("com.reftab.scim.user.updated"),
    USER_DEACTIVATED("com.reftab.scim.user.deactivated"),
    USER_REACTIVATED("com.reftab.scim.user.reactivated"),
    USER_DELETED("com.reftab.scim.user.deleted");

    private final String type;

    EventType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    public static EventType of(String type) {
        for (EventType value : values()) {
            if (value.type.equals(type)) {
                return value;
            }
        }
        return null;
    }
}
