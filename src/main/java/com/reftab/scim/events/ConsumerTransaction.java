package com.reftab.scim.events;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.TransactedPolicy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction of a consumer's apply route ({@code transacted: ref: consumerTransaction}): the
 * rest of the route runs in one Spring transaction, committed if it ends without an exception,
 * else rolled back with the exception left on the exchange for the caller.
 *
 * <p>Not Camel's SpringTransactionPolicy: that one brings an error handler of its own which marks a
 * failure as exhausted, and the caller's retries and parking (routes/event-dead-letter.yaml) then
 * never act. Here each try is a transaction of its own and the caller alone decides what follows.
 */
public class ConsumerTransaction implements TransactedPolicy {

    private final TransactionTemplate transaction;

    public ConsumerTransaction(PlatformTransactionManager transactionManager) {
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // Nothing to prepare.
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> transaction.executeWithoutResult(status -> {
            try {
                processor.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                status.setRollbackOnly();
            }
        });
    }
}
