package com.reftab.scim.events;

import javax.sql.DataSource;

import org.apache.camel.component.jdbc.JdbcComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How the consumer routes write the Reftab user store: through Camel's JDBC component, inside the
 * route's Spring transaction ({@code transacted: ref: consumerTransaction}), so one poll's writes
 * and the decisions' reads commit or roll back together.
 */
@Configuration(proxyBeanMethods = false)
class UserStoreWrites {

    /** A consumer route's transaction: one per poll's batch, or per event when the batch failed. */
    @Bean
    ConsumerTransaction consumerTransaction(PlatformTransactionManager transactionManager) {
        return new ConsumerTransaction(transactionManager);
    }

    /**
     * camel-jdbc takes its connections straight from its DataSource and, with
     * {@code resetAutoCommit=false}, neither commits nor changes auto-commit: given the connection
     * of the route's transaction (the proxy hands out the one bound to the thread, and its close
     * leaves it open), its statements join that transaction. Set on the component rather than
     * registered as a bean, which would stand beside the application's DataSource.
     */
    @Bean
    ComponentCustomizer userStoreJdbc(DataSource dataSource) {
        return ComponentCustomizer.builder(JdbcComponent.class)
                .build(component -> component.setDataSource(new TransactionAwareDataSourceProxy(dataSource)));
    }
}
