package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Consumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

class IndexedRouteMappingTest {

    private static final int OTHER_ROUTES = 40;

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final AtomicInteger tried = new AtomicInteger();
    // A path looked up while its route registers: once Spring's registry has it, before the index does.
    private String lookedUpWhileRegistering;
    private String foundWhileRegistering;
    private IndexedRouteMapping indexed;
    // Camel's own mapping of the same routes: what Spring's lookup answers.
    private CamelRequestHandlerMapping spring;

    @BeforeEach
    void routes() throws Exception {
        RequestThreadHttpEngine engine = new RequestThreadHttpEngine(8080);
        camel.getRegistry().bind("platform-http-engine", engine);
        PlatformHttpComponent component = camel.getComponent("platform-http", PlatformHttpComponent.class);
        indexed = new IndexedRouteMapping(component, engine) {
            @Override
            protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
                tried.incrementAndGet();
                return super.getMatchingMapping(info, request);
            }

            @Override
            public Map<RequestMappingInfo, HandlerMethod> getHandlerMethods() {
                Map<RequestMappingInfo, HandlerMethod> registered = super.getHandlerMethods();
                String path = lookedUpWhileRegistering;
                if (path != null && registered.keySet().stream().anyMatch(info -> info.getPatternValues().contains(path))) {
                    lookedUpWhileRegistering = null;
                    foundWhileRegistering = routeOf(this, "GET", path);
                }
                return registered;
            }
        };
        spring = new CamelRequestHandlerMapping(component, engine);
        indexed.afterPropertiesSet();
        spring.afterPropertiesSet();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                route("/scim/v2/Users", "GET,POST");
                route("/scim/v2/Users/{id}", "GET,PUT,PATCH,DELETE");
                route("/scim/v2/Users/.search", "POST");
                route("/scim/v2/Groups/{id}", "GET");
                route("/api/admin/roles/{id}/members", "GET");
                for (int i = 0; i < OTHER_ROUTES; i++) {
                    route("/api/admin/things" + i + "/{id}", "GET");
                }
            }

            private void route(String path, String methods) {
                from("platform-http:" + path + "?httpMethodRestrict=" + methods).setBody(constant(path));
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aPathWithAVariableFindsItsRouteTryingOnlyTheRoutesUnderItsLiteralSegments() throws Exception {
        assertThat(routeOf(indexed, "GET", "/scim/v2/Users/2819c223")).isEqualTo("/scim/v2/Users/{id}");
        // Camel maps each verb on its own: the 2 of /scim/v2/Users and the 4 of /scim/v2/Users/{id}, of 49.
        assertThat(tried.get()).isEqualTo(6);
    }

    @Test
    void aPathNoRouteCanMatchIsLeftToTheNextMappingAfterTryingNone() throws Exception {
        assertThat(indexed.getHandler(request("GET", "/actuator/health/liveness"))).isNull();
        assertThat(tried.get()).isZero();
    }

    @Test
    void aLiteralSegmentIsPreferredToAVariableAsSpringPrefersIt() throws Exception {
        assertThat(routeOf(indexed, "POST", "/scim/v2/Users/.search")).isEqualTo("/scim/v2/Users/.search");
        assertThat(routeOf(indexed, "GET", "/scim/v2/Users/.search")).isEqualTo("/scim/v2/Users/{id}");
    }

    @Test
    void everyRequestIsAnsweredAsSpringsLookupAnswersIt() {
        String[][] requests = {
                {"GET", "/scim/v2/Users"}, {"POST", "/scim/v2/Users"}, {"GET", "/scim/v2/Users/a"},
                {"PATCH", "/scim/v2/Users/a"}, {"DELETE", "/scim/v2/Users/a"}, {"GET", "/scim/v2/Users/"},
                {"HEAD", "/scim/v2/Users/a"}, {"OPTIONS", "/scim/v2/Users/a"}, {"PUT", "/scim/v2/Users"},
                {"POST", "/scim/v2/Groups/g"}, {"GET", "/scim/v2/%55sers/a"}, {"GET", "/scim/v2/Users;v=1/a"},
                {"GET", "/scim/v2/users/a"}, {"GET", "/scim/v2/Groups/g"}, {"GET", "/scim/v2/Groups"},
                {"GET", "/api/admin/roles/r/members"}, {"GET", "/api/admin/things7/x"}, {"GET", "/api/admin/things7"},
                {"GET", "/scim/v2/Users/a/b"}, {"GET", "//scim/v2/Users/a"}, {"GET", "/"}};
        for (String[] request : requests) {
            assertThat(answer(indexed, request(request[0], request[1])))
                    .as("%s %s", request[0], request[1])
                    .isEqualTo(answer(spring, request(request[0], request[1])));
        }
    }

    @Test
    void aCorsPreflightIsAnsweredAsSpringsLookupAnswersIt() {
        MockHttpServletRequest preflight = request("OPTIONS", "/scim/v2/Users/a");
        preflight.addHeader("Origin", "https://admin.example.com");
        preflight.addHeader("Access-Control-Request-Method", "PATCH");
        MockHttpServletRequest same = request("OPTIONS", "/scim/v2/Users/a");
        same.addHeader("Origin", "https://admin.example.com");
        same.addHeader("Access-Control-Request-Method", "PATCH");

        assertThat(answer(indexed, preflight)).isEqualTo(answer(spring, same));
    }

    @Test
    void aPathWhoseRoutesTakeOtherMethodsIsRefusedAsSpringRefusesIt() {
        assertThatThrownBy(() -> indexed.getHandler(request("POST", "/scim/v2/Groups/g")))
                .isInstanceOf(HttpRequestMethodNotSupportedException.class);
    }

    @Test
    void aMatchSetsTheRequestAttributesSpringsLookupSets() throws Exception {
        MockHttpServletRequest request = request("GET", "/scim/v2/Users/2819c223");

        HandlerExecutionChain chain = indexed.getHandler(request);

        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).hasToString("/scim/v2/Users/{id}");
        assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)).isEqualTo(Map.of("id", "2819c223"));
        assertThat(request.getAttribute(IndexedRouteMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)).isEqualTo(chain.getHandler());
    }

    @Test
    void aLookupWhileARouteRegistersIsSpringsOwn() throws Exception {
        lookedUpWhileRegistering = "/scim/v2/Users/me";

        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/scim/v2/Users/me?httpMethodRestrict=GET").setBody(constant("me"));
            }
        });

        // The index still held /scim/v2/Users/{id} alone, which matches too.
        assertThat(foundWhileRegistering).isEqualTo("/scim/v2/Users/me");
    }

    @Test
    void aRouteStartedLaterIsFound() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/scim/v2/Users/me?httpMethodRestrict=GET").setBody(constant("me"));
            }
        });

        assertThat(routeOf(indexed, "GET", "/scim/v2/Users/me")).isEqualTo("/scim/v2/Users/me");
    }

    @Test
    void comesBeforeTheActuatorsMappings() {
        // Spring Boot's WebMvcEndpointHandlerMapping is ordered -100.
        assertThat(indexed.getOrder()).isLessThan(-100);
    }

    private static String routeOf(HandlerMapping mapping, String method, String path) {
        try {
            HandlerExecutionChain chain = mapping.getHandler(request(method, path));
            return chain == null ? null : pathOf(chain.getHandler());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pathOf(Object handler) {
        if (handler instanceof HandlerMethod method && method.getBean() instanceof Consumer consumer) {
            return ((PlatformHttpEndpoint) consumer.getEndpoint()).getPath();
        }
        return handler.getClass().getSimpleName();
    }

    /** What a mapping answers a request with: its handler, the pattern and path variables Spring set, or what it throws. */
    private static String answer(HandlerMapping mapping, MockHttpServletRequest request) {
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain == null ? "no handler" : pathOf(chain.getHandler()) + " "
                    + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) + " "
                    + request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private static MockHttpServletRequest request(String method, String path) {
        return new MockHttpServletRequest(method, path);
    }
}
