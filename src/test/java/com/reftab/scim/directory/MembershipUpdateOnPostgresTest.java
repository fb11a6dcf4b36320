package com.reftab.scim.directory;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class MembershipUpdateOnPostgresTest extends MembershipUpdateTest {
}
