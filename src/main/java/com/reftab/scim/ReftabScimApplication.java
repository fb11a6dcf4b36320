package com.reftab.scim;

import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// Camel's platform-http engine and request mapping are the web configuration's (http.WebConfiguration).
@SpringBootApplication(exclude = SpringBootPlatformHttpAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ReftabScimApplication {

    /**
     * Java keeps, per thread, a native copy of the largest heap buffer that thread ever wrote to a
     * file or socket, unbounded by default. H2 writes each commit's pages as one buffer from
     * whichever thread commits, so every request and consumer thread came to hold megabytes of
     * native memory. Buffers past this size are freed after use (a {@code -D} on the command line wins).
     */
    static final String MAX_CACHED_NIO_BUFFER = "262144";

    public static void main(String[] args) {
        boundTheNioBufferCache();
        SpringApplication.run(ReftabScimApplication.class, args);
    }

    /** Must run before the first file or socket write of the JVM, which reads the setting once. */
    static void boundTheNioBufferCache() {
        if (System.getProperty("jdk.nio.maxCachedBufferSize") == null) {
            System.setProperty("jdk.nio.maxCachedBufferSize", MAX_CACHED_NIO_BUFFER);
        }
    }
}
