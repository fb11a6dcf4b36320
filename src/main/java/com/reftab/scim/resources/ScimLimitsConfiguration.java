package com.reftab.scim.resources;

import com.reftab.scim.protocol.filter.FilterLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The filter bounds as a bean of their own: the filter package reads no configuration. */
@Configuration(proxyBeanMethods = false)
class ScimLimitsConfiguration {

    @Bean
    FilterLimits filterLimits(ScimLimits limits) {
        return limits.filterLimits();
    }
}
