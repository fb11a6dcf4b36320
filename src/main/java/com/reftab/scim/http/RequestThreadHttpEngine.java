package com.reftab.scim.http;

import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each API route on the request thread that admitted the request and read its body. Camel's
 * own engine hands every request to an executor and answers through Spring MVC's async dispatch,
 * which takes the request through the whole filter chain and DispatcherServlet a second time: a
 * third of the CPU of a small request (docs/benchmarks.md). The hop bought nothing here: the body
 * is read within its bounds before a route runs, and the request threads are bounded, each tenant
 * to its in-flight bound and all API requests to the instance's.
 */
final class RequestThreadHttpEngine implements PlatformHttpEngine {

    private final int port;

    RequestThreadHttpEngine(int port) {
        this.port = port;
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new RequestThreadConsumer(endpoint, processor);
    }

    @Override
    public int getServerPort() {
        return port;
    }

    /** Camel's consumer, answering on the calling thread. */
    static final class RequestThreadConsumer extends SpringBootPlatformHttpConsumer {

        private static final Logger LOG = LoggerFactory.getLogger(RequestThreadConsumer.class);

        RequestThreadConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            // The executor is never used: service() below does not hand the request on.
            super(endpoint, processor, Runnable::run);
        }

        /**
         * Answers the request before returning. No future: Spring MVC then takes the request as
         * handled, with no async dispatch. A failure outside the route (the route's own errors are
         * written by api-errors) is answered 500, as Camel's consumer answers it.
         */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                LOG.warn("Error handling request due to: {}", e.getMessage(), e);
                if (!response.isCommitted()) {
                    try {
                        response.sendError(500);
                    } catch (Exception ignored) {
                        // The connection is gone; nothing more to answer.
                    }
                }
            }
            return null;
        }
    }
}
