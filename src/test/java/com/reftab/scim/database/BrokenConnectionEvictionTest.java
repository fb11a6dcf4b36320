package com.reftab.scim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.junit.jupiter.api.Test;

class BrokenConnectionEvictionTest {

    private final BrokenConnectionEviction eviction = new BrokenConnectionEviction();

    @Test
    void aConnectionTheDriverCallsBrokenIsDropped() {
        assertThat(eviction.adjudicate(new SQLNonTransientConnectionException("Database is already closed", "90121", 90121)))
                .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
    }

    @Test
    void anyOtherFailureIsLeftToThePool() {
        assertThat(eviction.adjudicate(new SQLException("Unique index or primary key violation", "23505", 23505)))
                .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    }
}
