package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class DisabledUsersWithEquipmentOnPostgresTest extends DisabledUsersWithEquipmentTest {
}
