package com.reftab.scim.events;

/** The CloudEvents {@code type} values of the provisioning event contract (docs/events.md). */
public enum EventType {
    USER_CREATED("com.reftab.scim.user.created"),
    USER_UPDATED("com.reftab.scim.user.updated"),
    USER_DEACTIVATED("com.reftab.scim.user.deactivated"),
    USER_REACTIVATED("com.reftab.scim.user.reactivated"),
    USER_DELETED("com.reftab.scim.user.deleted"),
    GROUP_CREATED("com.reftab.scim.group.created"),
    GROUP_UPDATED("com.reftab.scim.group.updated"),
    GROUP_DELETED("com.reftab.scim.group.deleted"),
    GROUP_MEMBERS_ADDED("com.reftab.scim.group.members.added"),
    GROUP_MEMBERS_REMOVED("com.reftab.scim.group.members.removed"),
    GROUP_MAPPING_CHANGED("com.reftab.access.group-mapping.changed"),
    DEFAULT_ROLE_CHANGED("com.reftab.access.default-role.changed"),
    LOAN_CHECKED_OUT("com.reftab.assets.loan.checked-out"),
    LOAN_RETURNED("com.reftab.assets.loan.returned"),
    LOAN_WRITTEN_OFF("com.reftab.assets.loan.written-off"),
    EQUIPMENT_DISABLED_HOLDER_ALERTED("com.reftab.equipment.disabled-holder.alerted"),
    DIRECT_ROLES_SETTING_CHANGED("com.reftab.access.direct-roles-setting.changed"),
    ROLE_OFFER_CHANGED("com.reftab.access.role-offer.changed");

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
