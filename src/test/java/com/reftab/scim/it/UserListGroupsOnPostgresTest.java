package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class UserListGroupsOnPostgresTest extends UserListGroupsTest {
}
