package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class TenantIsolationOnPostgresTest extends TenantIsolationTest {
}
