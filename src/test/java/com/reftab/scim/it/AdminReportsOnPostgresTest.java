package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class AdminReportsOnPostgresTest extends AdminReportsTest {
}
