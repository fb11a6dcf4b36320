package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class RolesOnPostgresTest extends RolesTest {
}
