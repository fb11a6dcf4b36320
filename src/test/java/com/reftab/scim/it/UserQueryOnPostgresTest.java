package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class UserQueryOnPostgresTest extends UserQueryTest {
}
