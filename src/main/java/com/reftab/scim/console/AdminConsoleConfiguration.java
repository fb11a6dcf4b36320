package com.reftab.scim.console;

import java.util.Map;

import com.reftab.scim.http.FixedResponseHeaders;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin console: static pages from {@code classpath:/static/admin/}, served by Spring MVC's
 * resource handler beside the Camel REST routes, with headers that keep the admin token safe
 * (no inline or foreign script, no framing, no caching of admin API answers).
 */
@Configuration(proxyBeanMethods = false)
class AdminConsoleConfiguration implements WebMvcConfigurer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // The page names its files by absolute path, so both addresses can serve it without a redirect.
        registry.addViewController("/admin").setViewName("forward:/admin/index.html");
        registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
    }

    @Bean
    FilterRegistrationBean<FixedResponseHeaders> adminConsoleHeaders() {
        FilterRegistrationBean<FixedResponseHeaders> registration = new FilterRegistrationBean<>(new FixedResponseHeaders(Map.of(
                "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY",
                "Referrer-Policy", "no-referrer",
                // Revalidated on every load, so a new release is picked up at once.
                "Cache-Control", "no-cache")));
        registration.addUrlPatterns("/admin", "/admin/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<FixedResponseHeaders> adminApiHeaders() {
        FilterRegistrationBean<FixedResponseHeaders> registration = new FilterRegistrationBean<>(new FixedResponseHeaders(Map.of(
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff")));
        registration.addUrlPatterns("/api/admin/*");
        // Ahead of the API's filters, which answer refusals themselves.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
