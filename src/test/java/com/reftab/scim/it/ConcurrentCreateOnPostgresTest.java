package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class ConcurrentCreateOnPostgresTest extends ConcurrentCreateTest {
}
