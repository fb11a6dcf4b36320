package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class IdentityProviderSettingOnPostgresTest extends IdentityProviderSettingTest {
}
