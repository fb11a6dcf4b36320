package com.reftab.scim.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.reftab.scim.ReftabScimApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole service as it runs: HTTP on a random port, the real in-process Kafka broker and H2.
 * Every class with these properties shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ReftabScimApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:integration-${random.uuid};DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/integration-${random.uuid}",
        "reftab.scim.token=" + ScimIntegrationTest.SCIM_TOKEN,
        "reftab.admin.token=" + ScimIntegrationTest.ADMIN_TOKEN,
        "reftab.operator.token=" + ScimIntegrationTest.OPERATOR_TOKEN,
        "reftab.outbox.poll-interval-ms=50",
        "reftab.scim.rate-limit.per-minute=0",
        "reftab.admin.rate-limit.per-minute=0",
        // Above the tests' own concurrency (20 racing creates), yet on: a place never given back would show.
        "reftab.scim.in-flight-per-tenant=32",
        "management.prometheus.metrics.export.enabled=true",
        // A consumer stops only when its poll returns: at the default 5 s each, closing a context took ~10 s.
        "camel.component.kafka.poll-timeout-ms=200",
        "reftab.consumers.retry-delay-ms=20",
        // Entra's JWKS in tests is a local http server on 127.0.0.1.
        "reftab.oauth.jwks.allow-insecure-hosts=true",
        // POST /api/admin/loans stands in for the asset service.
        "reftab.loans.demo=true"
})
@interface ScimIntegrationTest {
    String SCIM_TOKEN = "integration-scim-token";
    String ADMIN_TOKEN = "integration-admin-token";
    String OPERATOR_TOKEN = "integration-operator-token";
}
