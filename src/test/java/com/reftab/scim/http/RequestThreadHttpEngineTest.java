package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.DefaultPlatformHttpConsumer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestThreadHttpEngineTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aRouteRunsOnTheRequestThreadAndIsAnsweredBeforeServiceReturnsWithoutAFuture() throws Exception {
        camel.getRegistry().bind("platform-http-engine", new RequestThreadHttpEngine(8080));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/hello").routeId("hello").process(exchange ->
                        exchange.getMessage().setBody("answered on " + Thread.currentThread().getName()));
            }
        });
        camel.start();
        RequestThreadHttpEngine.RequestThreadConsumer consumer =
                (RequestThreadHttpEngine.RequestThreadConsumer) ((DefaultPlatformHttpConsumer) camel.getRoute("hello").getConsumer())
                        .getPlatformHttpConsumer();
        MockHttpServletResponse response = new MockHttpServletResponse();

        Object future = consumer.service(new MockHttpServletRequest("GET", "/hello"), response);

        assertThat(future).as("no future: Spring MVC takes the request as handled, with no async dispatch").isNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("answered on " + Thread.currentThread().getName());
    }
}
