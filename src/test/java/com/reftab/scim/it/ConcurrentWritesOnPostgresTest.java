package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class ConcurrentWritesOnPostgresTest extends ConcurrentWritesTest {
}
