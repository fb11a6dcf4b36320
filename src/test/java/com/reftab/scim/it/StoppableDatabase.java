package com.reftab.scim.it;

/** A database server of a test's own, which the test takes away and brings back. */
interface StoppableDatabase extends AutoCloseable {

    String jdbcUrl();

    String user();

    /** Stops the server; open connections are cut. */
    void stop();

    /** Starts the server again with the data it had, at the URL it had. */
    void start();

    @Override
    void close();
}
