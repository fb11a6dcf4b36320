package com.reftab.scim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The start-up bound on Java's per-thread native copies of written buffers (see ReftabScimApplication). */
class NioBufferCacheTest {

    private static final String PROPERTY = "jdk.nio.maxCachedBufferSize";
    private final String before = System.getProperty(PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void theServiceBoundsTheCacheWhenNothingElseDoes() {
        System.clearProperty(PROPERTY);

        ReftabScimApplication.boundTheNioBufferCache();

        assertThat(System.getProperty(PROPERTY)).isEqualTo("262144");
    }

    @Test
    void aBoundGivenOnTheCommandLineWins() {
        System.setProperty(PROPERTY, "65536");

        ReftabScimApplication.boundTheNioBufferCache();

        assertThat(System.getProperty(PROPERTY)).isEqualTo("65536");
    }
}
