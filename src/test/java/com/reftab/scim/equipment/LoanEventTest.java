package com.reftab.scim.equipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class LoanEventTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00.123Z");

    @Test
    void aLoanReadsBackAsItWasPublished() {
        LoanEvent loan = new LoanEvent("id-1", "tenant", LoanType.CHECKED_OUT, "item-1", 7, "MacBook Pro 14", "Laptops",
                "RT-0042", new BigDecimal("2499.00"), "USD", "user-1", "ada@example.com", null, MONDAY);

        ObjectNode cloudEvent = loan.toCloudEvent();

        assertThat(cloudEvent.path("type").asText()).isEqualTo("com.reftab.assets.loan.checked-out");
        assertThat(cloudEvent.path("subject").asText()).isEqualTo("items/item-1");
        assertThat(cloudEvent.path("data").path("person").path("userId").asText()).isEqualTo("user-1");
        assertThat(LoanEvent.fromCloudEvent(cloudEvent)).isEqualTo(loan);
    }

    @Test
    void withoutAVersionTheEventTimeOrdersTheItemsEvents() {
        ObjectNode cloudEvent = new LoanEvent("id-1", "tenant", LoanType.RETURNED, "item-1", 1, null, null, null, null,
                null, null, null, null, MONDAY).toCloudEvent();
        ((ObjectNode) cloudEvent.get("data")).remove("version");

        assertThat(LoanEvent.fromCloudEvent(cloudEvent).version()).isEqualTo(MONDAY.toEpochMilli());
    }

    @Test
    void anEventOfAnotherTypeIsNotALoan() {
        ObjectNode cloudEvent = new LoanEvent("id-1", "tenant", LoanType.RETURNED, "item-1", 1, null, null, null, null,
                null, null, null, null, MONDAY).toCloudEvent();
        cloudEvent.put("type", "com.reftab.scim.user.created");

        assertThatThrownBy(() -> LoanEvent.fromCloudEvent(cloudEvent)).isInstanceOf(InvalidLoan.class);
    }
}
