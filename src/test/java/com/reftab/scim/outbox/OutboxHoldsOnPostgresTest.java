package com.reftab.scim.outbox;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class OutboxHoldsOnPostgresTest extends OutboxHoldsTest {
}
