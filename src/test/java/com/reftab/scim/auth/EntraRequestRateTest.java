package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.reftab.scim.ConfigurationBinding;
import com.reftab.scim.auth.TenantRateLimit.Budget;
import com.reftab.scim.protocol.ScimException;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Microsoft's gallery asks that one tenant sustain 25 requests a second of Entra's mix: for each user,
 * a matching lookup ({@code userName eq}) and then a create or a PATCH, sent back to back. The
 * tenant's SCIM rate limit, as configured by default, must admit that for 20 s without one 429.
 * The limiter runs on a clock the test moves, so the 20 s pass at once.
 */
class EntraRequestRateTest {

    private static final int ENTRA_RATE_PER_SECOND = 25;
    private static final Duration RUN = Duration.ofSeconds(20);

    @EnableConfigurationProperties(AccessSettings.class)
    static class Bound {
    }

    /** The clock of the limiter's buckets, moved by the test. */
    private static TimeMeter meter(AdjustableClock clock) {
        Instant start = clock.instant();
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return Duration.between(start, clock.instant()).toNanos();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    /**
     * Entra's mix at {@code perSecond} for {@link #RUN}: a lookup and its write together every
     * {@code 2 / perSecond} seconds. Returns the 429s the tenant got.
     */
    private static List<ScimException> entraMix(Budget scim, int perSecond) {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-06T12:00:00Z"));
        TenantRateLimit limit = new TenantRateLimit(scim, new Budget(0, 0), meter(clock));
        List<ScimException> refused = new ArrayList<>();
        Duration betweenPairs = Duration.ofNanos(2 * 1_000_000_000L / perSecond);
        long pairs = RUN.toNanos() / betweenPairs.toNanos();
        for (long pair = 0; pair < pairs; pair++) {
            for (String request : List.of("GET /Users?filter=userName eq", "POST /Users or PATCH /Users/{id}")) {
                try {
                    limit.admit(TokenKind.SCIM, "entra-tenant");
                } catch (ScimException e) {
                    refused.add(e);
                }
            }
            clock.advance(betweenPairs);
        }
        return refused;
    }

    private static Budget configuredScimBudget() {
        Budget[] budget = new Budget[1];
        ConfigurationBinding.of(Bound.class).run(started ->
                budget[0] = started.getBean(AccessSettings.class).scim().rateLimit().budget());
        return budget[0];
    }

    @Test
    void theConfiguredScimLimitSustainsEntrasRateWithRoomForAPairAtOnce() {
        Budget scim = configuredScimBudget();

        assertThat(scim.perMinute()).isGreaterThanOrEqualTo(ENTRA_RATE_PER_SECOND * 60L);
        assertThat(scim.burst()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void twentySecondsOfEntrasMixAtTwentyFiveASecondAreNeverRefused() {
        assertThat(entraMix(configuredScimBudget(), ENTRA_RATE_PER_SECOND)).isEmpty();
    }

    @Test
    void twentySecondsAtTheConfiguredRateItselfAreNeverRefused() {
        Budget scim = configuredScimBudget();

        assertThat(entraMix(scim, (int) (scim.perMinute() / 60))).isEmpty();
    }

    /** The check sees the limiter: a limit under Entra's rate, with a small burst, refuses within the 20 s. */
    @Test
    void aLimitBelowEntrasRateRefusesTheMixWith429() {
        List<ScimException> refused = entraMix(new Budget(20 * 60, 10), ENTRA_RATE_PER_SECOND);

        assertThat(refused).isNotEmpty();
        assertThat(refused).allSatisfy(e -> assertThat(e.status()).isEqualTo(429));
    }
}
