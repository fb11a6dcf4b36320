package com.reftab.scim.roles;

import java.util.Comparator;
import java.util.List;

/** The mapping decision: the highest-precedence role among the user's mapped groups, else the tenant's default. */
public final class EffectiveRole {

    private EffectiveRole() {
    }

    public static AccessRole resolve(List<AccessRole> rolesOfMappedGroups, AccessRole defaultRole) {
        return rolesOfMappedGroups.stream()
                .max(Comparator.comparingInt(AccessRole::precedence).thenComparing(AccessRole::name))
                .orElse(defaultRole);
    }
}
