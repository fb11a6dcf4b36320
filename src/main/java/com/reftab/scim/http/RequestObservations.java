package com.reftab.scim.http;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Spring's {@code http.server.requests} observation is not made where it would only time a request
 * a second time: the SCIM and admin APIs, already timed with their operation and status by
 * {@code reftab.api.requests} ({@link RequestLog}), and the health probes an orchestrator sends
 * every few seconds. Every other path (the console, the OAuth token endpoint, the other actuator
 * endpoints) keeps it. Spring Boot's filter, registered here in its place, is skipped on those paths
 * altogether: an observation predicate would still have it build a context for every request.
 */
@Configuration(proxyBeanMethods = false)
class RequestObservations {

    /** Spring Boot's own registration (order, dispatcher types, convention), with the paths above left out. */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> serverObservationFilter(ObservationRegistry registry,
            ObjectProvider<ServerRequestObservationConvention> customConvention, ObservationProperties properties) {
        ServerRequestObservationConvention convention = customConvention.getIfAvailable(() ->
                new DefaultServerRequestObservationConvention(properties.getHttp().getServer().getRequests().getName()));
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(new ObservedElsewhereSkipped(registry, convention));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /**
     * The APIs, the health probes, and the benchmark's trivial route ({@code bench/routes}, loaded
     * only by {@code bench/run}), which is measured as the APIs are served.
     */
    static boolean timedElsewhere(String path) {
        return path.startsWith("/scim/") || path.startsWith("/api/") || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/") || path.startsWith("/bench/");
    }

    private static final class ObservedElsewhereSkipped extends ServerHttpObservationFilter {

        ObservedElsewhereSkipped(ObservationRegistry registry, ServerRequestObservationConvention convention) {
            super(registry, convention);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return timedElsewhere(RequestLog.pathOf(request));
        }
    }
}
