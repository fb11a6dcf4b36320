package com.reftab.scim.http;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring's {@code http.server.requests} observation is skipped where it would only time a request
 * a second time: the SCIM and admin APIs, already timed with their operation and status by
 * {@code reftab.api.requests} ({@link RequestLog}), and the health probes an orchestrator sends
 * every few seconds. Every other path (the console, the OAuth token endpoint, the other actuator
 * endpoints) keeps it.
 */
@Configuration(proxyBeanMethods = false)
class RequestObservations {

    @Bean
    ObservationPredicate noServerObservationWhereTheServiceTimesItself() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && timedElsewhere(RequestLog.pathOf(server.getCarrier())));
    }

    static boolean timedElsewhere(String path) {
        return path.startsWith("/scim/") || path.startsWith("/api/") || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/");
    }
}
