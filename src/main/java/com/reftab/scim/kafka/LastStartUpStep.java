package com.reftab.scim.kafka;

import org.springframework.context.SmartLifecycle;

/**
 * A step of start-up that runs after every other lifecycle bean's start (the in-process broker's
 * among them) and before Camel starts the routes. It has nothing to stop.
 */
abstract class LastStartUpStep implements SmartLifecycle {

    private volatile boolean running;

    /** The step's work; a step that throws fails the start-up. */
    abstract void run();

    @Override
    public final void start() {
        try {
            run();
        } finally {
            running = true;
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
