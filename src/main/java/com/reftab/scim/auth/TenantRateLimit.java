package com.reftab.scim.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.reftab.scim.protocol.ScimException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A token bucket per tenant, API and instance: a tenant over its rate gets 429 with Retry-After
 * (Okta and Entra reschedule such calls by themselves) at once, without waiting, so it never slows
 * the others. The SCIM API and the admin API have budgets of their own, so the admin console's
 * polling never spends what the tenant's identity provider needs.
 */
@Component
public class TenantRateLimit {

    /** Requests a minute, refilled continuously, and how many may come at once; 0 a minute turns it off. */
    public record Budget(long perMinute, long burst) {
    }

    private final Map<TokenKind, Budget> budgets;
    private final TimeMeter clock;
    private final Map<TokenKind, Map<String, Bucket>> buckets = Map.of(
            TokenKind.SCIM, new ConcurrentHashMap<>(), TokenKind.ADMIN, new ConcurrentHashMap<>());

    @Autowired
    public TenantRateLimit(AccessSettings settings) {
        this(settings.scim().rateLimit().budget(), settings.admin().rateLimit().budget());
    }

    public TenantRateLimit(Budget scim, Budget admin) {
        this(scim, admin, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** @param clock what the buckets refill by: a test moves it to check a rate without waiting for it */
    public TenantRateLimit(Budget scim, Budget admin, TimeMeter clock) {
        this.budgets = Map.of(TokenKind.SCIM, scim, TokenKind.ADMIN, admin);
        this.clock = clock;
    }

    /** @throws ScimException 429, naming the budget and when to retry, when the tenant has spent it */
    public void admit(TokenKind kind, String tenantId) {
        Budget budget = budgets.get(kind);
        if (budget.perMinute() <= 0) {
            return;
        }
        ConsumptionProbe probe = buckets.get(kind).computeIfAbsent(tenantId, id -> newBucket(budget, clock))
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            String api = kind == TokenKind.SCIM ? "SCIM" : "admin API";
            String property = kind == TokenKind.SCIM ? "reftab.scim.rate-limit" : "reftab.admin.rate-limit";
            throw ScimException.tooManyRequests(seconds, "This tenant's " + api + " requests are over their rate limit of "
                    + budget.perMinute() + " a minute with bursts of " + budget.burst() + " (" + property
                    + "); retry after " + seconds + " s.");
        }
    }

    private static Bucket newBucket(Budget budget, TimeMeter clock) {
        return Bucket.builder().withCustomTimePrecision(clock)
                .addLimit(Bandwidth.builder().capacity(Math.max(1, budget.burst()))
                        .refillGreedy(budget.perMinute(), Duration.ofMinutes(1)).build())
                .build();
    }
}
