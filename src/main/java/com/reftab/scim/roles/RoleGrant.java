package com.reftab.scim.roles;

import java.util.Locale;

/**
 * A role a person holds and where it comes from: a mapped group (named by {@code groupId}), a
 * direct assignment by the identity provider, or the tenant's default.
 */
public record RoleGrant(AccessRole role, Origin origin, String groupId) {

    public enum Origin {
        GROUP, DIRECT, DEFAULT;

        /** As the admin API and the account_access table spell it. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static RoleGrant ofGroup(AccessRole role, String groupId) {
        return new RoleGrant(role, Origin.GROUP, groupId);
    }

    public static RoleGrant direct(AccessRole role) {
        return new RoleGrant(role, Origin.DIRECT, null);
    }

    public static RoleGrant byDefault(AccessRole role) {
        return new RoleGrant(role, Origin.DEFAULT, null);
    }
}
