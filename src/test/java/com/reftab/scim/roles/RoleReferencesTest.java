package com.reftab.scim.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.roles.RoleReferences.RoleReference;
import org.junit.jupiter.api.Test;

/** The forms of a User's {@code roles} Okta and Entra send, read into the names a role may be known by. */
class RoleReferencesTest {

    private static final int BOUND = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<RoleReference> parse(String roles) throws Exception {
        return RoleReferences.parse(JSON.readTree(roles), BOUND);
    }

    @Test
    void oktasEntitlementGivesTheRoleIdThenItsName() throws Exception {
        List<RoleReference> roles = parse("[{\"value\":\"Manager\",\"display\":\"Store Manager\"}]");

        assertThat(roles).containsExactly(new RoleReference(List.of("Manager", "Store Manager"), null, false));
    }

    @Test
    void entrasSingleAppRoleAssignmentOnPostKeepsItsTypeAndPrimary() throws Exception {
        List<RoleReference> roles = parse("[{\"primary\":true,\"type\":\"WindowsAzureActiveDirectoryRole\",\"value\":\"Admin\"}]");

        assertThat(roles).containsExactly(new RoleReference(List.of("Admin"), "WindowsAzureActiveDirectoryRole", true));
    }

    @Test
    void entrasAppRoleEncodedAsAStringIsDecodedIntoItsValueDisplayNameAndId() throws Exception {
        List<RoleReference> roles = parse("[{\"value\":\"{\\\"id\\\":\\\"06b07648-ecfe-589f-9d2f-6325724a46ee\\\","
                + "\\\"value\\\":\\\"25\\\",\\\"displayName\\\":\\\"Role1234\\\"}\"}]");

        assertThat(roles).containsExactly(new RoleReference(
                List.of("25", "Role1234", "06b07648-ecfe-589f-9d2f-6325724a46ee"), null, false));
    }

    @Test
    void severalComplexAppRolesAreEachRead() throws Exception {
        List<RoleReference> roles = parse("[{\"primary\":false,\"type\":\"WindowsAzureActiveDirectoryRole\",\"value\":\"User\"},"
                + "{\"primary\":false,\"type\":\"WindowsAzureActiveDirectoryRole\",\"value\":\"Manager\"}]");

        assertThat(roles).extracting(RoleReference::candidates).containsExactly(List.of("User"), List.of("Manager"));
        assertThat(roles).extracting(RoleReference::primary).containsExactly(false, false);
    }

    @Test
    void anEncodedRoleAtTheBoundIsDecoded() {
        String encoded = encodedOfLength(BOUND);

        List<RoleReference> roles = RoleReferences.parse(array(encoded), BOUND);

        assertThat(roles.get(0).candidates()).startsWith("Manager");
    }

    @Test
    void anEncodedRoleOneCharacterPastTheBoundIsRefusedNamingTheBound() {
        String encoded = encodedOfLength(BOUND + 1);

        assertThatThrownBy(() -> RoleReferences.parse(array(encoded), BOUND))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidValue");
                })
                .hasMessageContaining("at most 1024 characters").hasMessageContaining("REFTAB_SCIM_ROLES_MAX_ENCODED_LENGTH");
    }

    @Test
    void anEncodedRoleThatIsNotJsonIsInvalidValue() {
        assertThatThrownBy(() -> parse("[{\"value\":\"{\\\"value\\\":\"}]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }

    @Test
    void aRoleNamingNothingIsInvalidValue() {
        assertThatThrownBy(() -> parse("[{\"primary\":true}]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }

    @Test
    void aRoleThatIsNotAnObjectIsInvalidValue() {
        assertThatThrownBy(() -> parse("[\"Manager\"]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }

    /** Entra's encoded app role padded with a long id to exactly {@code length} characters. */
    private static String encodedOfLength(int length) {
        String head = "{\"value\":\"Manager\",\"displayName\":\"Manager\",\"id\":\"";
        String tail = "\"}";
        String encoded = head + "x".repeat(length - head.length() - tail.length()) + tail;
        assertThat(encoded).hasSize(length);
        return encoded;
    }

    private static JsonNode array(String encoded) {
        return JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode().put("value", encoded));
    }
}
