package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EventReplayOnPostgresTest extends EventReplayTest {
}
