package com.reftab.scim.it;

import static com.reftab.scim.it.EntraCalls.op;
import static com.reftab.scim.it.EntraCalls.quoted;
import static com.reftab.scim.it.EntraCalls.uniqueUserName;
import static com.reftab.scim.it.GroupCalls.assertScimError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tenant's identity provider: Okta unless set, stored per tenant, shown in the SCIM settings,
 * and deciding what a {@code replace} of a group's {@code members} means: Okta's full push (the
 * list is the group) or Entra ID's (the listed users are added, no one is removed).
 */
@ScimIntegrationTest
class IdentityProviderSettingTest {

    @LocalServerPort
    int port;

    Tenants tenants;

    @BeforeEach
    void tenants() {
        tenants = new Tenants(port, "idp");
    }

    private static String identityProvider(Tenants.Tenant tenant) {
        HttpCalls.Reply settings = tenant.admin().get("/api/admin/scim-settings");
        assertThat(settings.status()).isEqualTo(200);
        return settings.body().path("identityProvider").asText();
    }

    private static HttpCalls.Reply setIdentityProvider(Tenants.Tenant tenant, String body) {
        return tenant.admin().put("/api/admin/scim-settings/identity-provider", body);
    }

    /** A group of the tenant with three members, then a replace of members listing only a fourth user: the members after. */
    private List<String> replaceMembersWithAPartialList(Tenants.Tenant tenant, List<String> users) {
        EntraCalls scim = new EntraCalls(port, tenant::scimToken);
        for (int i = 0; i < 4; i++) {
            users.add(scim.provisionUser(uniqueUserName(), "Idp", "User" + i));
        }
        String group = scim.provisionGroup("Replace " + tenant.id());
        assertThat(scim.patch("/Groups/" + group, op("Add", "members", list(users.subList(0, 3)))).status()).isEqualTo(204);

        HttpCalls.Reply reply = scim.patch("/Groups/" + group, op("replace", "members", list(users.subList(3, 4))));

        assertThat(reply.status()).isEqualTo(204);
        return List.copyOf(GroupCalls.ids(scim.get("/Groups/" + group).body().path("members")));
    }

    private static String list(List<String> ids) {
        return ids.stream().map(id -> "{\"value\":" + quoted(id) + "}").collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void aNewTenantIsProvisionedByOkta() {
        assertThat(identityProvider(tenants.create())).isEqualTo("okta");
    }

    @Test
    void theSettingIsTheTenantsOwn() {
        Tenants.Tenant entra = tenants.create();
        Tenants.Tenant okta = tenants.create();

        HttpCalls.Reply reply = setIdentityProvider(entra, "{\"identityProvider\":\"entra\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("identityProvider").asText()).isEqualTo("entra");
        assertThat(identityProvider(entra)).isEqualTo("entra");
        assertThat(identityProvider(okta)).isEqualTo("okta");
        assertThat(setIdentityProvider(entra, "{\"identityProvider\":\"okta\"}").status()).isEqualTo(200);
        assertThat(identityProvider(entra)).isEqualTo("okta");
    }

    @Test
    void aProviderOtherThanOktaOrEntraIsRefusedAndChangesNothing() {
        Tenants.Tenant tenant = tenants.create();
        setIdentityProvider(tenant, "{\"identityProvider\":\"entra\"}");

        for (String body : List.of("{\"identityProvider\":\"onelogin\"}", "{\"identityProvider\":\"Entra \"}",
                "{\"identityProvider\":true}", "{}")) {
            assertScimError(setIdentityProvider(tenant, body), 400, "invalidValue");
        }
        assertThat(identityProvider(tenant)).isEqualTo("entra");
    }

    @Test
    void theSettingNeedsTheAdminToken() {
        Tenants.Tenant tenant = tenants.create();

        HttpCalls.Reply reply = tenant.scim().put("/api/admin/scim-settings/identity-provider", "{\"identityProvider\":\"entra\"}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(identityProvider(tenant)).isEqualTo("okta");
    }

    @Test
    void forAnOktaTenantAReplaceOfMembersIsTheWholeGroup() {
        List<String> users = new ArrayList<>();

        List<String> members = replaceMembersWithAPartialList(tenants.create(), users);

        assertThat(members).containsExactly(users.get(3));
    }

    @Test
    void forAnEntraTenantAReplaceOfMembersAddsTheListedUsersAndKeepsTheOthers() {
        Tenants.Tenant tenant = tenants.create();
        setIdentityProvider(tenant, "{\"identityProvider\":\"entra\"}");
        List<String> users = new ArrayList<>();

        List<String> members = replaceMembersWithAPartialList(tenant, users);

        assertThat(members).containsExactlyInAnyOrderElementsOf(users);
    }

    @Test
    void forAnEntraTenantARemoveStillRemovesAndAPutIsStillTheWholeGroup() {
        Tenants.Tenant tenant = tenants.create();
        setIdentityProvider(tenant, "{\"identityProvider\":\"entra\"}");
        EntraCalls scim = new EntraCalls(port, tenant::scimToken);
        String first = scim.provisionUser(uniqueUserName(), "Idp", "First");
        String second = scim.provisionUser(uniqueUserName(), "Idp", "Second");
        String group = scim.provisionGroup("Remove " + tenant.id());
        scim.patch("/Groups/" + group, op("Add", "members", list(List.of(first, second))));

        scim.patch("/Groups/" + group, op("Remove", "members", list(List.of(first))));
        assertThat(GroupCalls.ids(scim.get("/Groups/" + group).body().path("members"))).containsExactly(second);

        HttpCalls.Reply put = tenant.scim().put("/scim/v2/Groups/" + group, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Remove %s","members":[{"value":"%s"}]}
                """.formatted(tenant.id(), first));
        assertThat(put.status()).isEqualTo(200);
        assertThat(GroupCalls.ids(scim.get("/Groups/" + group).body().path("members"))).containsExactly(first);
    }
}
