package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EntraPaginationOnPostgresTest extends EntraPaginationTest {
}
