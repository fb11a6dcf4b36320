package com.reftab.bench.ceiling;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Camel REST DSL on platform-http handing off to a direct: route that answers a constant: the same
 * route as the service's bench/routes/ceiling.yaml, so GET /bench/hello in the service and
 * GET /camel/hello here differ only by the application around them.
 */
@Component
public class HelloRoute extends RouteBuilder {

    @Override
    public void configure() {
        rest("/camel")
                .get("/hello").id("rest-camel-hello").to("direct:camel-hello");

        from("direct:camel-hello").routeId("camel-hello")
                .removeHeaders("*")
                .setHeader("Content-Type", constant("text/plain"))
                .setBody(constant("hello"));
    }
}
