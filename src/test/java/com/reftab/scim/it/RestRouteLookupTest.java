package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The REST routes are looked up through the index alone: Camel's own mapping is not there beside it. */
@ScimIntegrationTest
class RestRouteLookupTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theRestRoutesHaveOneRequestMappingTheIndexedOne() {
        assertThat(context.getBeansOfType(CamelRequestHandlerMapping.class).values())
                .singleElement()
                .extracting(mapping -> mapping.getClass().getSimpleName())
                .isEqualTo("IndexedRouteMapping");
    }
}
