package com.reftab.scim.it;

import net.jqwik.spring.JqwikSpringSupport;

@JqwikSpringSupport
@ScimIntegrationTestOnPostgres
class BadInputFuzzOnPostgresTest extends BadInputFuzzTest {
}
