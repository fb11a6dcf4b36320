package com.reftab.scim;

import java.util.Map;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Binds typed configuration as the service does, without starting it: config/application.yml
 * (its defaults and the environment variables it names), then the given configuration classes
 * (each an {@code @EnableConfigurationProperties} of the records under test).
 */
public final class ConfigurationBinding {

    private ConfigurationBinding() {
    }

    public static ApplicationContextRunner of(Class<?> configuration) {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(configuration);
    }

    /** Environment variables as the operator sets them, seen before application.yml. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> environment(Map<String, String> variables) {
        return context -> context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-of-test", Map.copyOf(variables)));
    }

    /** The validation failure that stopped a start, or null when none did. */
    public static BindValidationException validationFailure(Throwable startupFailure) {
        for (Throwable cause = startupFailure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException validation) {
                return validation;
            }
        }
        return null;
    }
}
