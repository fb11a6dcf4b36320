package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class ConditionalRequestOnPostgresTest extends ConditionalRequestTest {
}
