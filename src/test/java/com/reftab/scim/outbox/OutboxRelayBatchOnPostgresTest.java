package com.reftab.scim.outbox;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class OutboxRelayBatchOnPostgresTest extends OutboxRelayBatchTest {
}
