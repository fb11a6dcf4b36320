package com.reftab.scim.it;

@ScimIntegrationTestOnPostgres
class EquipmentAlertFlowOnPostgresTest extends EquipmentAlertFlowTest {
}
