package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class GroupMappingProgressOnPostgresTest extends GroupMappingProgressTest {
}
