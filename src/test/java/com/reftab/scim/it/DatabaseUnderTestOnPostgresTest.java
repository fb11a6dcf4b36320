package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class DatabaseUnderTestOnPostgresTest extends DatabaseUnderTestTest {

    @Override
    String expectedProduct() {
        return "PostgreSQL";
    }
}
