package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class GroupRoleMappingOnPostgresTest extends GroupRoleMappingTest {
}
