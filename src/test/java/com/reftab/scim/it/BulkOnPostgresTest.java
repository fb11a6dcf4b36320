package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class BulkOnPostgresTest extends BulkTest {
}
