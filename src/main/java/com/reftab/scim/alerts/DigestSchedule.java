package com.reftab.scim.alerts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * When a tenant's digest goes out: daily at an hour (UTC), or weekly on a day at that hour.
 *
 * @param weekday 1 (Monday) to 7 (Sunday); used by weekly schedules only
 */
public record DigestSchedule(Frequency frequency, int hourUtc, int weekday) {

    public enum Frequency { DAILY, WEEKLY }

    public static final DigestSchedule DEFAULT = new DigestSchedule(Frequency.DAILY, 8, 1);

    public DigestSchedule {
        if (hourUtc < 0 || hourUtc > 23 || weekday < 1 || weekday > 7) {
            throw new IllegalArgumentException("hour 0-23, weekday 1-7");
        }
    }

    /** The latest time the digest was to go out, at or before {@code now}. */
    public Instant lastSlot(Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).withHour(hourUtc);
        if (frequency == Frequency.WEEKLY) {
            at = at.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(weekday)));
        }
        if (at.toInstant().isAfter(now)) {
            at = frequency == Frequency.WEEKLY ? at.minusWeeks(1) : at.minusDays(1);
        }
        return at.toInstant();
    }

    /**
     * Whether a digest is due at {@code now}: a slot has come since the last digest went out (or,
     * before the first, since the schedule was set, so saving settings never sends one at once).
     */
    public boolean isDue(Instant now, Instant lastSent, Instant setAt) {
        Instant since = lastSent != null ? lastSent : setAt;
        return lastSlot(now).isAfter(since);
    }
}
