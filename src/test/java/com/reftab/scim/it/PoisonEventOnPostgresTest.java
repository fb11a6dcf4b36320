package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class PoisonEventOnPostgresTest extends PoisonEventTest {
}
