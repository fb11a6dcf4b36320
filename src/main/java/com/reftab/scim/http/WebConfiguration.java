package com.reftab.scim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestFramingFilter> requestFramingFilter(
            @Value("${reftab.scim.max-body-bytes:1048576}") long maxBodyBytes, ObjectMapper mapper) {
        FilterRegistrationBean<RequestFramingFilter> registration =
                new FilterRegistrationBean<>(new RequestFramingFilter(maxBodyBytes, mapper));
        registration.addUrlPatterns("/scim/*", "/api/*");
        return registration;
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
