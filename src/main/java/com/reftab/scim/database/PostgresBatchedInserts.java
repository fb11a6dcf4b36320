package com.reftab.scim.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Has PostgreSQL's driver send a batch of inserts as multi-row inserts ({@code reWriteBatchedInserts}):
 * a group push of 256 members, or a user's value rows, is then a few statements for the server to
 * run, not one per row. H2 runs in process and is left alone. The pool's data-source properties
 * ({@code spring.datasource.hikari.data-source-properties}) and the URL may set the option
 * themselves: the driver takes the URL's options over these.
 */
@Component
class PostgresBatchedInserts implements BeanPostProcessor {

    static final String OPTION = "reWriteBatchedInserts";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            pool.getDataSourceProperties().putIfAbsent(OPTION, "true");
        }
        return bean;
    }
}
