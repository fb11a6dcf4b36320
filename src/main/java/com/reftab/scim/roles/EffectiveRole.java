package com.reftab.scim.roles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The role rule: a person's role is the highest-precedence role among their direct assignments
 * and their mapped groups (between equal precedences, the first by name; the same role from a
 * group and a direct assignment counts as direct), else the tenant's default. When the tenant
 * makes direct assignments authoritative, a person with at least one direct assignment gets the
 * highest of those alone, whatever their groups grant.
 */
public final class EffectiveRole {

    /** Highest precedence first, then the first name; a direct grant before a group's of the same role. */
    private static final Comparator<RoleGrant> ORDER = Comparator
            .comparingInt((RoleGrant grant) -> grant.role().precedence()).reversed()
            .thenComparing(grant -> grant.role().name())
            .thenComparing(grant -> grant.origin() == RoleGrant.Origin.DIRECT ? 0 : 1)
            .thenComparing(grant -> grant.groupId() == null ? "" : grant.groupId());

    private EffectiveRole() {
    }

    public static AccessRole resolve(List<AccessRole> rolesOfMappedGroups, AccessRole defaultRole) {
        return decide(rolesOfMappedGroups.stream().map(role -> RoleGrant.ofGroup(role, null)).toList(), List.of(),
                defaultRole, false).role();
    }

    public static RoleGrant decide(List<RoleGrant> groupGrants, List<AccessRole> directRoles, AccessRole defaultRole,
                                   boolean directAuthoritative) {
        List<RoleGrant> candidates = new ArrayList<>();
        directRoles.forEach(role -> candidates.add(RoleGrant.direct(role)));
        if (!(directAuthoritative && !directRoles.isEmpty())) {
            candidates.addAll(groupGrants);
        }
        return candidates.stream().min(ORDER).orElse(RoleGrant.byDefault(defaultRole));
    }
}
