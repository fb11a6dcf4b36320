package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.auth.Admission;
import com.reftab.scim.auth.ApiArea;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BoundedBodyFilterTest {

    private static final byte[] BODY = "{\"userName\":\"ada\"}".getBytes(StandardCharsets.UTF_8);

    private final BoundedBodyFilter filter = new BoundedBodyFilter(
            new BoundedBody(1024, Duration.ofSeconds(5), InstantSource.system()),
            new ServletReplyWriter(new ObjectMapper(), new RequestLog(new SimpleMeterRegistry(),
                    new RouteOperations(new StaticListableBeanFactory().getBeanProvider(CamelContext.class)))));

    private static MockHttpServletRequest post() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/scim/v2/Users");
        request.setServletPath("/scim/v2/Users");
        request.setContent(BODY);
        return request;
    }

    @Test
    void anAdmittedRequestsBodyIsReadAndHandedOn() throws Exception {
        MockHttpServletRequest request = post();
        AdmittedRequests.attach(request, new Admission(ApiArea.SCIM, "acme"));
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest().getInputStream().readAllBytes()).isEqualTo(BODY);
    }

    @Test
    void aRequestThatWasNotAdmittedIsRefusedWithoutReadingItsBody() throws Exception {
        MockHttpServletRequest request = post();
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("Connection")).isEqualTo("close");
        assertThat(chain.getRequest()).isNull();
        assertThat(request.getInputStream().readAllBytes()).as("the body, all still unread").isEqualTo(BODY);
    }

    @Test
    void aUtf8BodyIsWellFormed() {
        assertThat(BoundedBodyFilter.isWellFormed("{\"displayName\":\"Zoë Łukasz 日本\"}".getBytes(StandardCharsets.UTF_8), null))
                .isTrue();
    }

    @Test
    void aBodyWithAByteSequenceThatIsNotUtf8IsNot() {
        byte[] body = {'{', '"', (byte) 0xC3, '(', '"', ':', '1', '}'};

        assertThat(BoundedBodyFilter.isWellFormed(body, null)).isFalse();
        assertThat(BoundedBodyFilter.isWellFormed(body, "utf-8")).isFalse();
    }

    @Test
    void aBodyDeclaredInAnotherCharsetIsLeftToItsDecoder() {
        assertThat(BoundedBodyFilter.isWellFormed(new byte[] {(byte) 0xE9}, "ISO-8859-1")).isTrue();
    }
}
