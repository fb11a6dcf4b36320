package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class TokenLifecycleOnPostgresTest extends TokenLifecycleTest {
}
