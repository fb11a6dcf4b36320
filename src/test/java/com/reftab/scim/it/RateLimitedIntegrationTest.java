package com.reftab.scim.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link ScimIntegrationTest} with the rate limits on (the shared context turns them off), small
 * enough to reach in a test and refilled slowly (one request a minute), so a budget spent stays
 * spent while a test looks. Every class with it shares one application context.
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
@interface RateLimitedIntegrationTest {
    int PER_MINUTE = 1;
    int SCIM_BURST = 20;
    int ADMIN_BURST = 10;
}
