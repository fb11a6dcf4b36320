package com.reftab.scim.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EffectiveRoleTest {

    @Test
    void highestPrecedenceAmongTheMappedRolesWins() {
        AccessRole manager = new AccessRole("Manager", 300, true);
        AccessRole administrator = new AccessRole("Administrator", 400, true);
        AccessRole user = new AccessRole("User", 200, true);

        AccessRole role = EffectiveRole.resolve(List.of(manager, administrator, user), user);

        assertThat(role).isEqualTo(administrator);
    }

    @Test
    void userWithNoMappedRoleGetsTheDefault() {
        AccessRole user = new AccessRole("User", 200, true);

        AccessRole role = EffectiveRole.resolve(List.of(), user);

        assertThat(role).isEqualTo(user);
    }

    @Test
    void mappedRoleWinsEvenBelowTheDefaultsPrecedence() {
        AccessRole loanee = new AccessRole("Loanee", 100, false);
        AccessRole user = new AccessRole("User", 200, true);

        AccessRole role = EffectiveRole.resolve(List.of(loanee), user);

        assertThat(role).isEqualTo(loanee);
        assertThat(role.canLogin()).isFalse();
    }

    @Test
    void tieOfPrecedenceIsBrokenByNameWhateverTheOrderOfTheGroups() {
        AccessRole auditor = new AccessRole("Auditor", 300, true);
        AccessRole manager = new AccessRole("Manager", 300, true);
        AccessRole user = new AccessRole("User", 200, true);

        AccessRole oneWay = EffectiveRole.resolve(List.of(auditor, manager), user);
        AccessRole otherWay = EffectiveRole.resolve(List.of(manager, auditor), user);

        assertThat(oneWay).isEqualTo(otherWay).isIn(auditor, manager);
    }

    @Test
    void sameRoleFromSeveralGroupsResolvesToThatRole() {
        AccessRole manager = new AccessRole("Manager", 300, true);
        AccessRole user = new AccessRole("User", 200, true);

        AccessRole role = EffectiveRole.resolve(List.of(manager, manager), user);

        assertThat(role).isEqualTo(manager);
    }

    // ---- direct assignments by the identity provider, with mapped groups, authoritative or not

    private static final AccessRole ADMINISTRATOR = new AccessRole("Administrator", 400, true);
    private static final AccessRole MANAGER = new AccessRole("Manager", 300, true);
    private static final AccessRole USER = new AccessRole("User", 200, true);
    private static final AccessRole LOANEE = new AccessRole("Loanee", 100, false);

    @Test
    void aDirectRoleAboveTheGroupsRolesWinsAndComesFromTheDirectAssignment() {
        RoleGrant grant = EffectiveRole.decide(List.of(RoleGrant.ofGroup(MANAGER, "g-managers")), List.of(ADMINISTRATOR),
                USER, false);

        assertThat(grant).isEqualTo(RoleGrant.direct(ADMINISTRATOR));
    }

    @Test
    void aGroupsRoleAboveTheDirectRoleWinsAndNamesTheGroupWhenDirectRolesAreNotAuthoritative() {
        RoleGrant grant = EffectiveRole.decide(List.of(RoleGrant.ofGroup(USER, "g-staff"), RoleGrant.ofGroup(MANAGER, "g-leads")),
                List.of(LOANEE), USER, false);

        assertThat(grant).isEqualTo(RoleGrant.ofGroup(MANAGER, "g-leads"));
    }

    @Test
    void authoritativeDirectRolesWinOverHigherGroupRoles() {
        RoleGrant grant = EffectiveRole.decide(List.of(RoleGrant.ofGroup(ADMINISTRATOR, "g-admins")), List.of(LOANEE, USER),
                MANAGER, true);

        assertThat(grant).isEqualTo(RoleGrant.direct(USER));
    }

    @Test
    void authoritativeWithoutADirectRoleLeavesTheGroupsToDecide() {
        RoleGrant grant = EffectiveRole.decide(List.of(RoleGrant.ofGroup(MANAGER, "g-leads")), List.of(), USER, true);

        assertThat(grant).isEqualTo(RoleGrant.ofGroup(MANAGER, "g-leads"));
    }

    @Test
    void neitherGroupsNorDirectRolesGiveTheDefault() {
        RoleGrant grant = EffectiveRole.decide(List.of(), List.of(), USER, false);

        assertThat(grant).isEqualTo(RoleGrant.byDefault(USER));
    }

    @Test
    void aDirectRoleBelowTheDefaultStillReplacesIt() {
        RoleGrant grant = EffectiveRole.decide(List.of(), List.of(LOANEE), USER, false);

        assertThat(grant).isEqualTo(RoleGrant.direct(LOANEE));
    }

    @Test
    void theSameRoleFromAGroupAndADirectAssignmentComesFromTheDirectAssignment() {
        RoleGrant grant = EffectiveRole.decide(List.of(RoleGrant.ofGroup(MANAGER, "g-leads")), List.of(MANAGER), USER, false);

        assertThat(grant).isEqualTo(RoleGrant.direct(MANAGER));
    }
}
