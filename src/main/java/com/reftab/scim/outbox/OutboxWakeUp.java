package com.reftab.scim.outbox;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Wakes the outbox relay when an event commits, so the relay need not poll an idle outbox often:
 * the outbox signals after each commit that appended an event ({@link Outbox}), and the relay route
 * waits here between polls, at most the poll interval ({@code reftab.outbox.poll-interval-ms}), which
 * now only finds what this signal cannot tell: events committed by other instances, and a lease to
 * take over. A signal is kept until the relay's next wait takes it, so a commit made while the relay
 * polls is never missed; after a batch the relay polls again at once, in case more is waiting.
 */
@Component("outboxWakeUp")
public class OutboxWakeUp implements ApplicationListener<ContextClosedEvent> {

    private final long pollIntervalMs;
    private final RelayBackOff backOff;
    private boolean signalled = true;
    private boolean closed;

    @Autowired
    public OutboxWakeUp(OutboxSettings settings, RelayBackOff backOff) {
        this.pollIntervalMs = settings.pollIntervalMs();
        this.backOff = backOff;
    }

    /** An event committed on this instance (or the relay has more to send). */
    public synchronized void changed() {
        signalled = true;
        notifyAll();
    }

    /**
     * The relay route's wait before each poll: until an event commits, the poll interval passes, or a
     * back-off after a failure ends, whichever is first. False once the service is closing: no poll then.
     */
    public synchronized boolean awaitWork() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(pollIntervalMs).toNanos();
        Duration backingOff = backOff.untilDue();
        if (!backingOff.isZero()) {
            deadline = Math.min(deadline, System.nanoTime() + backingOff.toNanos());
        }
        while (!signalled && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Duration wait = Duration.ofNanos(left);
            wait(Math.max(1, wait.toMillis()));
        }
        signalled = false;
        return !closed;
    }

    /** Before Camel stops its routes: the relay's wait ends at once instead of holding the shutdown. */
    @Override
    public synchronized void onApplicationEvent(ContextClosedEvent event) {
        closed = true;
        notifyAll();
    }
}
