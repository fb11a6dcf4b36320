package com.reftab.scim.it;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class RelayHoldOnPostgresTest extends RelayHoldTest {
}
