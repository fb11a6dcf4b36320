package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EntraGroupProvisioningOnPostgresTest extends EntraGroupProvisioningTest {
}
