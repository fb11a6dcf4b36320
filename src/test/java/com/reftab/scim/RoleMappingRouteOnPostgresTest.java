package com.reftab.scim;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

/** The role mapping's statements on PostgreSQL, where one MERGE may not change a row twice. */
@OnEmbeddedPostgres
class RoleMappingRouteOnPostgresTest extends RoleMappingRouteTest {
}
