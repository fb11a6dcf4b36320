package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class TenantCommitOrderOnPostgresTest extends TenantCommitOrderTest {
}
