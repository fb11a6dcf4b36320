package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestLogTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestLog log = new RequestLog(registry,
            new RouteOperations(new StaticListableBeanFactory().getBeanProvider(CamelContext.class)));

    @Test
    void aRequestWithoutItsOwnIdIsGivenARandomVersion4Uuid() {
        UUID first = UUID.fromString(log.record(new MockHttpServletRequest("GET", "/scim/v2/Users"), "acme", 200));
        UUID second = UUID.fromString(log.record(new MockHttpServletRequest("GET", "/scim/v2/Users"), "acme", 200));

        assertThat(first.version()).isEqualTo(4);
        assertThat(first.variant()).as("RFC 4122's variant").isEqualTo(2);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aRequestsOwnPlainIdIsKept() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/scim/v2/Users");
        request.addHeader(RequestLog.HEADER, "okta-7f3a.1");

        assertThat(log.record(request, "acme", 200)).isEqualTo("okta-7f3a.1");
    }

    @Test
    void aRequestNoFilterMarkedIsTimedFromWhenItIsLogged() {
        log.record(new MockHttpServletRequest("GET", "/scim/v2/Users"), "acme", 200);

        assertThat(count("200")).isEqualTo(1);
    }

    @Test
    void eachStatusOfAnOperationIsTimedOnItsOwn() {
        answerListsWith(200, 200, 404);

        assertThat(count("200")).isEqualTo(2);
        assertThat(count("404")).isEqualTo(1);
    }

    @Test
    void aStatusOutOfHttpsRangeIsTimedToo() {
        answerListsWith(99, 600, 600);

        assertThat(count("99")).isEqualTo(1);
        assertThat(count("600")).isEqualTo(2);
    }

    private void answerListsWith(int... statuses) {
        for (int status : statuses) {
            log.record(new MockHttpServletRequest("GET", "/scim/v2/Users"), "acme", status);
        }
    }

    private long count(String status) {
        return registry.get("reftab.api.requests").tag("status", status).timer().count();
    }
}
