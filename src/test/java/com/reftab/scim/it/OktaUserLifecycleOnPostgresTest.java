package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class OktaUserLifecycleOnPostgresTest extends OktaUserLifecycleTest {
}
