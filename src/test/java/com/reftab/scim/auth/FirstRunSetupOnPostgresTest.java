package com.reftab.scim.auth;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class FirstRunSetupOnPostgresTest extends FirstRunSetupTest {
}
