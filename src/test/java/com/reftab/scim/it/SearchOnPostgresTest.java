package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class SearchOnPostgresTest extends SearchTest {
}
