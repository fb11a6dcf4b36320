package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EntraGroupOperationsOnPostgresTest extends EntraGroupOperationsTest {
}
