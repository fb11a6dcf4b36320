package com.reftab.scim.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * No Spring MVC handler here validates its arguments (the APIs are Camel routes, which validate
 * what they read themselves), so Spring MVC gets a validator that validates nothing. With Bean
 * Validation's on the classpath (for the settings) it would look up validation groups, an
 * annotation search, on every request it hands to a handler: 7% of a small request.
 */
@Configuration(proxyBeanMethods = false)
class NoHandlerArgumentValidation implements WebMvcConfigurer {

    private static final Validator NONE = new Validator() {
        @Override
        public boolean supports(Class<?> type) {
            return false;
        }

        @Override
        public void validate(Object target, Errors errors) {
            // Nothing to validate: see the class comment.
        }
    };

    @Override
    public Validator getValidator() {
        return NONE;
    }
}
