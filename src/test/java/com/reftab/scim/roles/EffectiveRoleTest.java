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
}
