package com.reftab.scim.http;

import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Writes the request log from a background thread through a bounded queue (configured in
 * logback-spring.xml with {@code neverBlock}): a full queue drops the line rather than hold the
 * request thread. Counts what it drops, for {@code reftab.request.log.dropped}.
 */
public class RequestLogAppender extends AsyncAppender {

    private static final LongAdder DROPPED = new LongAdder();

    @Override
    protected void append(ILoggingEvent event) {
        // AsyncAppender drops silently when its queue is full and neverBlock is set; seen from here
        // the count may be off by a line under a race, which a counter of losses can afford.
        if (isStarted() && isNeverBlock() && getRemainingCapacity() == 0) {
            DROPPED.increment();
        }
        super.append(event);
    }

    /** Request log lines dropped since the start because the queue was full. */
    public static long dropped() {
        return DROPPED.sum();
    }
}
