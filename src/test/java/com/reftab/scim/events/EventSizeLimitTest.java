package com.reftab.scim.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reftab.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;

class EventSizeLimitTest {

    @Test
    void anEventAtTheBoundPassesAndOneByteOverIsAScimInvalidValueNamingTheBound() {
        EventSizeLimit limit = new EventSizeLimit(1_000_000, 1_048_576);

        limit.check(1_000_000, "Users/u1");
        assertThatThrownBy(() -> limit.check(1_000_001, "Users/u1"))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidValue");
                    assertThat(e.detail()).contains("1000000 bytes").contains("REFTAB_EVENTS_MAX_EVENT_BYTES");
                });
    }

    @Test
    void theServiceDoesNotStartWithABoundTheProducerCouldNotSend() {
        assertThatThrownBy(() -> new EventSizeLimit(1_048_576, 1_048_576))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("max.request.size");
        new EventSizeLimit(1_048_576 - EventSizeLimit.RECORD_MARGIN, 1_048_576);
    }
}
