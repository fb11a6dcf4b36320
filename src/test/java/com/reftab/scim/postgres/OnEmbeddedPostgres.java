package com.reftab.scim.postgres;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test context on a real PostgreSQL: a fresh database of the test JVM's one embedded
 * server, whatever datasource URL the test names otherwise. Flyway builds the schema as in
 * production. A PostgreSQL variant of an H2 test is a subclass:
 * {@code @OnEmbeddedPostgres class XOnPostgresTest extends XTest {}}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = PostgresDatabasePerContext.class)
public @interface OnEmbeddedPostgres {
}
