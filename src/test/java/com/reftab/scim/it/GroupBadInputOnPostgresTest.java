package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class GroupBadInputOnPostgresTest extends GroupBadInputTest {
}
