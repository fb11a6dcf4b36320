package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The REST routes are looked up through the index alone, ahead of the actuator's own mappings. */
@ScimIntegrationTest
class RestRouteLookupTest {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void theRestRoutesHaveOneRequestMappingTheIndexedOne() {
        assertThat(context.getBeansOfType(CamelRequestHandlerMapping.class).values())
                .singleElement()
                .extracting(mapping -> mapping.getClass().getSimpleName())
                .isEqualTo("IndexedRouteMapping");
    }

    @Test
    void theActuatorStillAnswersItsOwnPathsBehindTheIndex() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
