package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class BadInputOnPostgresTest extends BadInputTest {
}
