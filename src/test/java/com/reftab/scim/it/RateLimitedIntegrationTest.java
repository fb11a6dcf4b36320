package com.reftab.scim.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link ScimIntegrationTest} with the rate limits on (the shared context turns them off), small
 * enough to reach in a test and refilled slowly (one request a minute), so a budget spent stays
 * spent while a test looks. Each class gets a context of its own, closed when the class is done:
 * a budget one class spent must not be spent for the next.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ScimIntegrationTest
@TestPropertySource(properties = {
        "reftab.scim.rate-limit.per-minute=" + RateLimitedIntegrationTest.PER_MINUTE,
        "reftab.scim.rate-limit.burst=" + RateLimitedIntegrationTest.SCIM_BURST,
        "reftab.admin.rate-limit.per-minute=" + RateLimitedIntegrationTest.PER_MINUTE,
        "reftab.admin.rate-limit.burst=" + RateLimitedIntegrationTest.ADMIN_BURST,
        "reftab.scim.in-flight-per-tenant=8"
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@interface RateLimitedIntegrationTest {
    int PER_MINUTE = 1;
    int SCIM_BURST = 20;
    int ADMIN_BURST = 10;
}
