package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EntraNullUpdateOnPostgresTest extends EntraNullUpdateTest {
}
