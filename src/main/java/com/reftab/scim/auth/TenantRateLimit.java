package com.reftab.scim.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.reftab.scim.scim.ScimException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per tenant and instance: a tenant over its rate gets 429 with Retry-After (Okta
 * reschedules such tasks by itself) at once, without waiting, so it never slows the others.
 */
@Component
public class TenantRateLimit {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perMinute;
    private final long burst;

    public TenantRateLimit(@Value("${reftab.scim.rate-limit.per-minute:1200}") long perMinute,
                           @Value("${reftab.scim.rate-limit.burst:200}") long burst) {
        this.perMinute = perMinute;
        this.burst = burst;
    }

    public void admit(String tenantId) {
        if (perMinute <= 0) {
            return;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(tenantId, id -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw ScimException.tooManyRequests(seconds);
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(1, burst)).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
