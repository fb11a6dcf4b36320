package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class ConcurrentGroupPatchOnPostgresTest extends ConcurrentGroupPatchTest {
}
