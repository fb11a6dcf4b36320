package com.reftab.scim;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

/** The account projection's statements on PostgreSQL, where one MERGE may not change a row twice. */
@OnEmbeddedPostgres
class AccountProjectionRouteOnPostgresTest extends AccountProjectionRouteTest {
}
