package com.reftab.scim;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.reftab.scim.kafka.EventConsumers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * Advice that keeps the Kafka routes of routes/*.yaml off the network in a test context: every
 * event consumer (each instance of the consumer route template) reads from a direct endpoint
 * instead of the topic, {@link #input}, and the outbox relay neither polls nor produces. What a
 * consumer route reads is one poll's batch: a list of records, each an exchange whose message
 * carries the value and the Kafka headers.
 */
final class DetachedKafkaRoutes {

    static final String PROJECTION_INPUT = input("account-projection");
    static final String ROLE_MAPPING_INPUT = input("role-mapping");

    private DetachedKafkaRoutes() {
    }

    /** Where a detached consumer route reads from. */
    static String input(String consumerRouteId) {
        return "direct:" + consumerRouteId + "-test";
    }

    static void detachConsumers(ModelCamelContext context) throws Exception {
        for (EventConsumers.EventConsumer consumer : new EventConsumers(context).all()) {
            AdviceWith.adviceWith(context, consumer.routeId(), route -> route.replaceFromWith(input(consumer.routeId())));
        }
    }

    static void detachOutboxRelay(ModelCamelContext context) throws Exception {
        AdviceWith.adviceWith(context, "outbox-relay", route -> route.replaceFromWith("direct:outbox-relay-idle"));
        AdviceWith.adviceWith(context, "outbox-publish", route -> route.weaveByToUri("kafka:*").replace().to("mock:kafka-idle"));
    }

    static void detachAll(ModelCamelContext context) throws Exception {
        detachConsumers(context);
        detachOutboxRelay(context);
    }

    /** Sends these values to a detached consumer route as one poll's records; fails if the route did. */
    static void consume(ProducerTemplate template, String input, String... values) {
        Exchange consumed = consumeRecords(template, input, Arrays.stream(values)
                .<Consumer<Message>>map(value -> message -> message.setBody(value)).toList());
        if (consumed.getException() != null) {
            throw new IllegalStateException("The consumer route failed", consumed.getException());
        }
    }

    /** Sends records, each written by one of these, to a detached consumer route as one poll's batch. */
    static Exchange consumeRecords(ProducerTemplate template, String input, List<Consumer<Message>> records) {
        List<Exchange> batch = records.stream().map(record -> {
            Exchange exchange = new DefaultExchange(template.getCamelContext());
            record.accept(exchange.getMessage());
            return exchange;
        }).toList();
        return template.send(input, exchange -> exchange.getMessage().setBody(batch));
    }
}
