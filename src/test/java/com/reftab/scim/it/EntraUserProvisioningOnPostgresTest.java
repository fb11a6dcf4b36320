package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EntraUserProvisioningOnPostgresTest extends EntraUserProvisioningTest {
}
