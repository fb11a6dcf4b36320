package com.reftab.scim.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;

/** How a User's {@code roles} are resolved against the roles the tenant offers, and their bound. */
class RoleAssignmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PER_USER = 3;

    private final List<AccessRole> offered = new ArrayList<>(List.of(
            new AccessRole("Administrator", 400, true), new AccessRole("Manager", 300, true),
            new AccessRole("User", 200, true), new AccessRole("Loanee", 100, false), new AccessRole("25", 150, true)));

    /** Roles the tenant has but no longer offers. */
    private final List<AccessRole> withdrawn = List.of(new AccessRole("Auditor", 350, true, false, null));

    /** The tenant's offered roles as data; nothing is stored here. */
    private final RoleAssignments assignments = new RoleAssignments(new AccessRoles(null) {
        @Override
        public List<AccessRole> offered(String tenantId) {
            return offered;
        }

        @Override
        public java.util.Optional<AccessRole> find(String tenantId, String name) {
            return withdrawn.stream().filter(role -> role.name().equals(name)).findFirst();
        }
    }, new RoleAssignmentLimits(MAX_PER_USER, 1024), null);

    private ObjectNode user(String roles) throws Exception {
        return (ObjectNode) JSON.readTree("{\"userName\":\"a@example.com\",\"roles\":" + roles + "}");
    }

    @Test
    void aRoleIsMatchedByItsIdBeforeAnyName() throws Exception {
        // "25" is a role's id here; Entra's encoded app role names it by value before its displayName.
        ObjectNode user = user("[{\"value\":\"{\\\"id\\\":\\\"abc\\\",\\\"value\\\":\\\"25\\\",\\\"displayName\\\":\\\"Manager\\\"}\"}]");

        RoleAssignments.Assigned assigned = assignments.assign("t", user, null);

        assertThat(assigned.roles()).extracting(AccessRole::name).containsExactly("25");
    }

    @Test
    void aRoleNamedInAnyLetterCaseIsStoredAsItsIdAndName() throws Exception {
        ObjectNode user = user("[{\"primary\":true,\"type\":\"WindowsAzureActiveDirectoryRole\",\"value\":\"mANAGER\"}]");

        assignments.assign("t", user, null);

        assertThat(user.get("roles")).isEqualTo(JSON.readTree(
                "[{\"value\":\"Manager\",\"display\":\"Manager\",\"type\":\"WindowsAzureActiveDirectoryRole\",\"primary\":true}]"));
    }

    @Test
    void theDisplayResolvesARoleWhoseValueIsUnknown() throws Exception {
        ObjectNode user = user("[{\"value\":\"role-7\",\"display\":\"Administrator\"}]");

        assertThat(assignments.assign("t", user, null).roles()).extracting(AccessRole::name).containsExactly("Administrator");
    }

    @Test
    void theSameRoleTwiceIsKeptOnce() throws Exception {
        ObjectNode user = user("[{\"value\":\"User\"},{\"value\":\"user\",\"primary\":true}]");

        RoleAssignments.Assigned assigned = assignments.assign("t", user, null);

        assertThat(assigned.roles()).extracting(AccessRole::name).containsExactly("User");
        assertThat(user.get("roles")).hasSize(1);
        assertThat(user.get("roles").get(0).path("primary").asBoolean()).isTrue();
    }

    @Test
    void anUnknownRoleIsInvalidValueNamingIt() throws Exception {
        ObjectNode user = user("[{\"value\":\"User\"},{\"value\":\"Janitor\"}]");

        assertThatThrownBy(() -> assignments.assign("t", user, null))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidValue");
                })
                .hasMessageContaining("'Janitor'");
    }

    @Test
    void aRoleTheTenantNoLongerOffersIsKeptWhileTheWriteLeavesTheRolesAsTheyWere() throws Exception {
        ObjectNode stored = user("[{\"value\":\"Janitor\",\"display\":\"Janitor\"},{\"value\":\"User\",\"display\":\"User\"}]");
        ObjectNode user = stored.deepCopy();

        RoleAssignments.Assigned assigned = assignments.assign("t", user, stored.get("roles"));

        assertThat(user).isEqualTo(stored);
        assertThat(assigned.roles()).extracting(AccessRole::name).containsExactly("User");
    }

    @Test
    void aWithdrawnRoleAlreadyHeldIsKeptWhenAnotherRoleIsAdded() throws Exception {
        // Entra's Add of an offered role, or Okta's PUT of [offered, held], to a person holding a withdrawn one.
        ObjectNode stored = user("[{\"value\":\"Janitor\",\"display\":\"Janitor\"}]");
        ObjectNode user = user("[{\"value\":\"Janitor\",\"display\":\"Janitor\"},{\"value\":\"Loanee\"}]");

        RoleAssignments.Assigned assigned = assignments.assign("t", user, stored.get("roles"));

        assertThat(assigned.roles()).extracting(AccessRole::name).containsExactly("Loanee");
        assertThat(user.get("roles")).extracting(role -> role.path("value").asText()).containsExactly("Janitor", "Loanee");
    }

    @Test
    void aHeldWithdrawnRoleIsAmongTheDirectRolesSoEventsMatchTheResource() throws Exception {
        // data.directRoles lists what data.resource.roles lists; the role mapping drops withdrawn roles.
        ObjectNode stored = user("[{\"value\":\"Auditor\",\"display\":\"Auditor\"}]");
        ObjectNode user = user("[{\"value\":\"Auditor\",\"display\":\"Auditor\"},{\"value\":\"User\"}]");

        RoleAssignments.Assigned assigned = assignments.assign("t", user, stored.get("roles"));

        assertThat(assigned.roles()).extracting(AccessRole::name).containsExactly("Auditor", "User");
        assertThat(assignments.assign("t", stored.deepCopy(), stored.get("roles")).roles())
                .extracting(AccessRole::name).containsExactly("Auditor");
    }

    @Test
    void aWithdrawnRoleNotAlreadyHeldIsStillRefused() throws Exception {
        ObjectNode stored = user("[{\"value\":\"User\",\"display\":\"User\"}]");
        ObjectNode user = user("[{\"value\":\"User\"},{\"value\":\"Janitor\"}]");

        assertThatThrownBy(() -> assignments.assign("t", user, stored.get("roles")))
                .isInstanceOf(ScimException.class).hasMessageContaining("'Janitor'");
    }

    @Test
    void asManyRolesAsTheBoundAreAccepted() throws Exception {
        ObjectNode user = user(roles("Administrator", "Manager", "User"));

        assertThat(assignments.assign("t", user, null).roles()).hasSize(MAX_PER_USER);
    }

    @Test
    void oneRolePastTheBoundIsRefusedNamingTheBound() throws Exception {
        ObjectNode user = user(roles("Administrator", "Manager", "User", "Loanee"));

        assertThatThrownBy(() -> assignments.assign("t", user, null))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"))
                .hasMessageContaining("at most 3 roles").hasMessageContaining("REFTAB_SCIM_ROLES_MAX_PER_USER");
    }

    @Test
    void noRolesLeaveNoAttribute() throws Exception {
        ObjectNode user = user("[]");

        assertThat(assignments.assign("t", user, null).roles()).isEmpty();
        assertThat(user.has("roles")).isFalse();
    }

    private static String roles(String... names) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String name : names) {
            array.addObject().put("value", name);
        }
        return array.toString();
    }
}
