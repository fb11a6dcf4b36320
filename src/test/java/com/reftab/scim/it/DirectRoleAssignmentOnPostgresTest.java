package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class DirectRoleAssignmentOnPostgresTest extends DirectRoleAssignmentTest {
}
