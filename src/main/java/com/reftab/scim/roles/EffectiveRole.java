package com.reftab.scim.roles;

import java.util.Comparator;
import java.util.List;

/**
 * The mapping decision: the highest-precedence role among the user's mapped groups (between equal
 * precedences, the first by name), else the tenant's default.
 */
public final class EffectiveRole {

    private EffectiveRole() {
    }

    public static AccessRole resolve(List<AccessRole> rolesOfMappedGroups, AccessRole defaultRole) {
        return rolesOfMappedGroups.stream()
                .max(Comparator.comparingInt(AccessRole::precedence)
                        .thenComparing(AccessRole::name, Comparator.reverseOrder()))
                .orElse(defaultRole);
    }
}
