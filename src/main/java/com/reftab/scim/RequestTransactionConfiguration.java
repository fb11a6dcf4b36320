package com.reftab.scim;

import com.reftab.scim.database.GroupCommit;
import com.reftab.scim.database.GroupCommitSettings;
import com.reftab.scim.database.TransactionSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions API requests run in. Each is cancelled after a bounded time, so a request that
 * meets a stuck database is answered (503) while the client still waits, instead of holding its
 * connection and locks. The consumer routes' transactions are not bounded this way: they retry.
 */
@Configuration(proxyBeanMethods = false)
class RequestTransactionConfiguration {

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager,
                                            TransactionSettings settings) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setTimeout(settings.transactionTimeoutSeconds());
        // Inside a Bulk request's transaction, each operation is a savepoint of it; alone, its own transaction.
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return template;
    }

    /** SCIM writes: concurrent ones share a commit (a Bulk request's operations stay savepoints of its own). */
    @Bean(destroyMethod = "close")
    GroupCommit groupCommit(PlatformTransactionManager transactionManager, TransactionTemplate transactionTemplate,
                            GroupCommitSettings settings, MeterRegistry registry) {
        return new GroupCommit(transactionManager, transactionTemplate, settings, registry);
    }
}
