package com.reftab.scim.equipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LoanBoundsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final LoanBounds bounds = new LoanBounds(new BigDecimal("5000"));

    private static LoanEvent checkout(String itemId, BigDecimal value, String userId) {
        return new LoanEvent(null, "tenant", LoanType.CHECKED_OUT, itemId, 1, "Laptop", null, null, value, null,
                userId, null, null, NOW);
    }

    @Test
    void aValueAtTheMaximumIsTakenAndACentMoreIsRefused() {
        assertThat(bounds.check(checkout("a", new BigDecimal("5000.00"), "u"))).isNotNull();

        assertThatThrownBy(() -> bounds.check(checkout("a", new BigDecimal("5000.01"), "u")))
                .isInstanceOf(InvalidLoan.class).hasMessageContaining("from 0 to 5000 (reftab.loans.max-value)");
    }

    @Test
    void anItemIdOfTheColumnsWidthIsTakenAndOneLongerIsRefused() {
        assertThat(bounds.check(checkout("i".repeat(LoanBounds.MAX_ITEM_ID), null, "u"))).isNotNull();

        assertThatThrownBy(() -> bounds.check(checkout("i".repeat(LoanBounds.MAX_ITEM_ID + 1), null, "u")))
                .isInstanceOf(InvalidLoan.class).hasMessageContaining("'itemId' is at most 128 characters");
    }

    @Test
    void aCheckoutToNobodyIsRefusedButAReturnNeedsNoPerson() {
        assertThatThrownBy(() -> bounds.check(checkout("a", null, null))).hasMessageContaining("names the person");

        assertThat(bounds.check(new LoanEvent(null, "tenant", LoanType.RETURNED, "a", 2, null, null, null, null, null,
                null, null, null, NOW))).isNotNull();
    }
}
