package com.reftab.scim.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that stands still until a test moves it, so a bound in time can be met exactly. */
public final class AdjustableClock implements InstantSource {

    private volatile Instant now;

    public AdjustableClock(Instant start) {
        this.now = start;
    }

    /** Starts at the real time, to the microsecond (what a database timestamp keeps). */
    public static AdjustableClock startingNow() {
        return new AdjustableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Override
    public Instant instant() {
        return now;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Moves the clock to a moment, which must not be earlier than now. */
    public synchronized void moveTo(Instant moment) {
        if (moment.isBefore(now)) {
            throw new IllegalArgumentException("The clock only moves forward: " + moment + " is before " + now);
        }
        now = moment;
    }
}
