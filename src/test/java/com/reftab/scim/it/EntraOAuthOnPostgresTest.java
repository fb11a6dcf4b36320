package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EntraOAuthOnPostgresTest extends EntraOAuthTest {
}
