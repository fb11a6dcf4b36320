package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class BoundedResourcesOnPostgresTest extends BoundedResourcesTest {
}
