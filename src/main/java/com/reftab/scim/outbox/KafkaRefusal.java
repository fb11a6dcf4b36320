package com.reftab.scim.outbox;

import com.reftab.scim.faults.TransientFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.stereotype.Component;

/**
 * Tells a send Kafka refused for good (the record too large, unserialisable, not authorised, an
 * invalid topic: sending it again would fail again) from one that may pass (Kafka's
 * {@code RetriableException}s, timeouts, the database away). Only the first kind holds a tenant;
 * anything else is waited out with back-off, so an unknown failure never parks an event.
 */
@Component("kafkaRefusal")
public class KafkaRefusal implements Predicate {

    /** As a route's {@code onWhen}: whether the exchange failed for good. */
    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure != null && permanent(failure);
    }

    public static boolean permanent(Throwable failure) {
        if (TransientFailure.isTransient(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidRecordException || cause instanceof SerializationException
                    || cause instanceof AuthorizationException || cause instanceof InvalidTopicException) {
                return true;
            }
        }
        return false;
    }
}
