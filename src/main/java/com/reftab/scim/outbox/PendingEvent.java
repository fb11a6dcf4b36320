package com.reftab.scim.outbox;

/** An outbox row the relay has still to publish. */
public record PendingEvent(long seq, String tenantId, String payload) {
}
