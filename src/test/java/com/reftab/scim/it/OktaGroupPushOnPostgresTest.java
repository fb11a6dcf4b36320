package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class OktaGroupPushOnPostgresTest extends OktaGroupPushTest {
}
