package com.reftab.scim.events;

import com.reftab.scim.protocol.ScimException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The largest event, in bytes of its CloudEvent JSON, that a write may produce. Enforced when the
 * event is appended to the outbox, so an event Kafka would refuse is never committed: the write is
 * refused instead, and nothing changes. The producer's {@code max.request.size} must leave room
 * above it for the record's key, headers and batch framing; start-up fails otherwise.
 */
@Component("eventSizeLimit")
public class EventSizeLimit {

    /** Key, headers and batch framing take a few hundred bytes; the rest is slack. */
    static final int RECORD_MARGIN = 16 * 1024;

    private final int maxBytes;

    @Autowired
    public EventSizeLimit(EventLimits limits, ProducerLimits producer) {
        this(limits.maxEventBytes(), producer.maxRequestSize());
    }

    public EventSizeLimit(int maxBytes, int producerMaxRequestSize) {
        if (maxBytes < 1024) {
            throw new IllegalStateException("reftab.events.max-event-bytes is " + maxBytes + "; an event needs at least 1024 bytes.");
        }
        if ((long) maxBytes + RECORD_MARGIN > producerMaxRequestSize) {
            throw new IllegalStateException("reftab.events.max-event-bytes (" + maxBytes + ") must stay at least "
                    + RECORD_MARGIN + " bytes below the Kafka producer's max.request.size (" + producerMaxRequestSize
                    + ", camel.component.kafka.max-request-size), or Kafka would refuse events the service accepted.");
        }
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** @throws ScimException 400 {@code invalidValue} when an event of this size is over the bound */
    public void check(int eventBytes, String subject) {
        if (eventBytes > maxBytes) {
            throw ScimException.invalidValue("The change to " + subject + " would make an event of " + eventBytes
                    + " bytes; events are limited to " + maxBytes + " bytes (REFTAB_EVENTS_MAX_EVENT_BYTES).");
        }
    }
}
