package com.reftab.scim.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.reftab.scim.postgres.OnEmbeddedPostgres;

/**
 * {@link ScimIntegrationTest} on a real PostgreSQL instead of H2: the same service and migrations,
 * on a database of its own. Every class with it shares one application context. A PostgreSQL
 * variant of an integration test is a subclass:
 * {@code @ScimIntegrationTestOnPostgres class XOnPostgresTest extends XTest {}}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ScimIntegrationTest
@OnEmbeddedPostgres
@interface ScimIntegrationTestOnPostgres {
}
