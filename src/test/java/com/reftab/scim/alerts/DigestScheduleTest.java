package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When a digest is due: daily at an hour (UTC), or weekly on a day at that hour, once per slot. */
class DigestScheduleTest {

    private static final DigestSchedule DAILY_AT_8 = new DigestSchedule(DigestSchedule.Frequency.DAILY, 8, 1);
    private static final DigestSchedule MONDAYS_AT_8 = new DigestSchedule(DigestSchedule.Frequency.WEEKLY, 8, 1);
    // 2026-03-03 is a Tuesday.
    private static final Instant TUESDAY_0759 = Instant.parse("2026-03-03T07:59:00Z");
    private static final Instant TUESDAY_0800 = Instant.parse("2026-03-03T08:00:00Z");

    @Test
    void aDailyDigestIsDueOnceItsHourHasComeSinceTheLastOne() {
        Instant sentMonday = Instant.parse("2026-03-02T08:00:05Z");

        assertThat(DAILY_AT_8.isDue(TUESDAY_0759, sentMonday, null)).isFalse();
        assertThat(DAILY_AT_8.isDue(TUESDAY_0800, sentMonday, null)).isTrue();
    }

    @Test
    void aDailyDigestSentForTodaysSlotIsNotDueAgainToday() {
        Instant sentToday = Instant.parse("2026-03-03T08:00:30Z");

        assertThat(DAILY_AT_8.isDue(Instant.parse("2026-03-03T23:59:00Z"), sentToday, null)).isFalse();
    }

    @Test
    void savingTheSettingsSendsNoDigestAtOnce() {
        Instant savedAfterTodaysSlot = Instant.parse("2026-03-03T09:00:00Z");

        assertThat(DAILY_AT_8.isDue(Instant.parse("2026-03-03T09:01:00Z"), null, savedAfterTodaysSlot)).isFalse();
        assertThat(DAILY_AT_8.isDue(Instant.parse("2026-03-04T08:00:00Z"), null, savedAfterTodaysSlot)).isTrue();
    }

    @Test
    void aWeeklyDigestWaitsForItsDay() {
        Instant sentLastMonday = Instant.parse("2026-03-02T08:00:05Z");

        assertThat(MONDAYS_AT_8.isDue(Instant.parse("2026-03-08T23:00:00Z"), sentLastMonday, null)).isFalse();
        assertThat(MONDAYS_AT_8.isDue(Instant.parse("2026-03-09T08:00:00Z"), sentLastMonday, null)).isTrue();
        assertThat(MONDAYS_AT_8.lastSlot(TUESDAY_0800)).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    }
}
