package com.reftab.scim.http;

import java.time.Duration;
import java.time.InstantSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.auth.TenantBulkhead;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The API's request filters, in this order: framing (media type, declared size: no cost), then
 * admission (token, rate, the tenant's in-flight bound), then the bounded body read, so that
 * reading a body always happens inside the tenant's bound.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    private static final int FRAMING = Ordered.LOWEST_PRECEDENCE - 2;
    private static final int ADMISSION = Ordered.LOWEST_PRECEDENCE - 1;
    private static final int BODY = Ordered.LOWEST_PRECEDENCE;

    @Bean
    FilterRegistrationBean<RequestFramingFilter> requestFramingFilter(
            @Value("${reftab.scim.max-body-bytes:1048576}") long maxBodyBytes, ObjectMapper mapper) {
        FilterRegistrationBean<RequestFramingFilter> registration =
                new FilterRegistrationBean<>(new RequestFramingFilter(maxBodyBytes, mapper));
        registration.addUrlPatterns("/scim/*", "/api/*");
        registration.setOrder(FRAMING);
        return registration;
    }

    @Bean
    TenantBulkhead tenantBulkhead(@Value("${reftab.scim.in-flight-per-tenant:8}") int maxInFlight) {
        return new TenantBulkhead(maxInFlight);
    }

    @Bean
    FilterRegistrationBean<TenantAdmissionFilter> scimAdmissionFilter(
            @Qualifier("scimAuthenticator") BearerAuthenticator authenticator, TenantBulkhead bulkhead) {
        return admission(authenticator, bulkhead, "/scim/*");
    }

    @Bean
    FilterRegistrationBean<TenantAdmissionFilter> adminAdmissionFilter(
            @Qualifier("adminAuthenticator") BearerAuthenticator authenticator, TenantBulkhead bulkhead) {
        return admission(authenticator, bulkhead, "/api/admin/*");
    }

    /** SCIM and admin calls share each tenant's in-flight bound; each kind of token admits its own paths. */
    private static FilterRegistrationBean<TenantAdmissionFilter> admission(BearerAuthenticator authenticator,
                                                                           TenantBulkhead bulkhead, String paths) {
        FilterRegistrationBean<TenantAdmissionFilter> registration =
                new FilterRegistrationBean<>(new TenantAdmissionFilter(authenticator, bulkhead));
        registration.addUrlPatterns(paths);
        registration.setOrder(ADMISSION);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BoundedBodyFilter> boundedBodyFilter(
            @Value("${reftab.scim.max-body-bytes:1048576}") long maxBodyBytes,
            @Value("${reftab.scim.body-read-timeout:30s}") Duration bodyReadTimeout, ObjectMapper mapper) {
        BoundedBody bounds = new BoundedBody(maxBodyBytes, bodyReadTimeout, InstantSource.system());
        FilterRegistrationBean<BoundedBodyFilter> registration =
                new FilterRegistrationBean<>(new BoundedBodyFilter(bounds, mapper));
        registration.addUrlPatterns("/scim/*", "/api/*");
        registration.setOrder(BODY);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> closeWithoutDraining() {
        return factory -> factory.addContextValves(new CloseWithoutDrainingValve());
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> scimErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ScimErrorReportValve.class.getName());
            }
        });
    }
}
