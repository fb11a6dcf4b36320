package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class DiscoveryTellsTheTruthOnPostgresTest extends DiscoveryTellsTheTruthTest {
}
