package com.reftab.scim.http;

import java.time.InstantSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.auth.AccessSettings;
import com.reftab.scim.auth.AdmissionControl;
import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.auth.OperatorToken;
import com.reftab.scim.auth.TenantBulkhead;
import jakarta.servlet.Filter;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.filter.OrderedFormContentFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The API's request filters, on every path under {@code /scim} and {@code /api}, in this order:
 * framing (media type, declared size: no cost), then admission (credential, rate, in-flight
 * bound), then the bounded body read, so that no byte of a body is read before its request is
 * admitted, and reading a body always happens inside the tenant's bound. Each refusal is answered
 * by the filter that makes it and closes the connection without reading the body.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    private static final String[] API_PATHS = {"/scim/*", "/api/*"};
    // Ahead of Spring's own filters that read a body (FormContentFilter parses a form-encoded
    // PUT, PATCH or DELETE whole, for anyone): framing refuses such a body unread.
    private static final int FRAMING = OrderedFormContentFilter.DEFAULT_ORDER - 3;
    private static final int ADMISSION = OrderedFormContentFilter.DEFAULT_ORDER - 2;
    private static final int BODY = OrderedFormContentFilter.DEFAULT_ORDER - 1;

    @Bean
    ServletReplyWriter servletReplyWriter(ObjectMapper mapper, RequestLog requestLog) {
        return new ServletReplyWriter(mapper, requestLog);
    }

    @Bean
    FilterRegistrationBean<RequestFramingFilter> requestFramingFilter(
            RequestLimits limits, ServletReplyWriter replies) {
        return register(new RequestFramingFilter(limits.maxBodyBytes(), replies), FRAMING);
    }

    @Bean
    TenantBulkhead tenantBulkhead(RequestLimits limits) {
        return new TenantBulkhead(limits.inFlightPerTenant());
    }

    /**
     * SCIM and admin calls share each tenant's in-flight bound, the operator has a bound of its own;
     * each credential admits its own paths, and any valid one learns that an unknown path is none.
     */
    @Bean
    FilterRegistrationBean<ApiAdmissionFilter> apiAdmissionFilter(
            @Qualifier("scimAuthenticator") BearerAuthenticator scim, @Qualifier("adminAuthenticator") BearerAuthenticator admin,
            OperatorToken operatorToken, TenantBulkhead bulkhead, ServletReplyWriter replies, AccessSettings access,
            RequestLimits limits) {
        AdmissionControl control = new AdmissionControl(scim, admin, operatorToken, bulkhead,
                new TenantBulkhead(limits.inFlightPerInstance()));
        return register(new ApiAdmissionFilter(control, replies, access.publicUrl()), ADMISSION);
    }

    @Bean
    FilterRegistrationBean<BoundedBodyFilter> boundedBodyFilter(
            RequestLimits limits, ServletReplyWriter replies) {
        BoundedBody bounds = new BoundedBody(limits.maxBodyBytes(), limits.bodyReadTimeout(), InstantSource.system());
        return register(new BoundedBodyFilter(bounds, replies), BODY);
    }

    private static <F extends Filter> FilterRegistrationBean<F> register(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(API_PATHS);
        registration.setOrder(order);
        return registration;
    }

    /** In place of Camel's engine (its auto-configuration is left out), under the name Camel looks up. */
    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(Environment environment) {
        return new RequestThreadHttpEngine(environment.getProperty("server.port", Integer.class, 8080));
    }

    /** In place of Camel's request mapping: the same mappings, looked up through an index. */
    @Bean
    IndexedRouteMapping platformHttpRequestMapping(PlatformHttpEngine engine, CamelContext camel) {
        return new IndexedRouteMapping(camel.getComponent("platform-http", PlatformHttpComponent.class), engine);
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
