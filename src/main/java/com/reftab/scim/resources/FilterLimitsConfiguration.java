package com.reftab.scim.resources;

import com.reftab.scim.protocol.filter.FilterLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The filter bounds from configuration: the protocol kernel that enforces them knows no Spring. */
@Configuration
class FilterLimitsConfiguration {

    @Bean
    FilterLimits filterLimits(@Value("${reftab.scim.filter.max-length:" + FilterLimits.DEFAULT_MAX_LENGTH + "}") int maxLength,
                              @Value("${reftab.scim.filter.max-depth:" + FilterLimits.DEFAULT_MAX_DEPTH + "}") int maxDepth) {
        return new FilterLimits(maxLength, maxDepth);
    }
}
