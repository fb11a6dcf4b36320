package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EntraSchemaDiscoverabilityOnPostgresTest extends EntraSchemaDiscoverabilityTest {
}
