package com.reftab.scim.database;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** On H2, the file's dead space reclaimed as H2's own writer would (it does not run with WRITE_DELAY=0). */
@Configuration(proxyBeanMethods = false)
class H2FileConfiguration {

    @Bean
    H2StoreCompaction h2StoreCompaction(DataSource dataSource, H2CompactionSettings settings, MeterRegistry registry) {
        return new H2StoreCompaction(dataSource, settings, registry);
    }
}
