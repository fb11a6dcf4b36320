package com.reftab.scim.outbox;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class OutboxRetentionOnPostgresTest extends OutboxRetentionTest {
}
