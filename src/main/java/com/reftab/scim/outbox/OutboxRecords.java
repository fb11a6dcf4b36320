package com.reftab.scim.outbox;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;

/**
 * Turns a batch of pending events into the Kafka records of one send: each keyed by its tenant,
 * so a tenant's events keep their order on one partition, with the CloudEvents content type.
 */
@Component("outboxRecords")
public class OutboxRecords {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public List<Message> toRecords(Exchange exchange, List<PendingEvent> events) {
        List<Message> records = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            Message record = new DefaultMessage(exchange);
            record.setHeader(KafkaConstants.KEY, event.tenantId());
            record.setHeader("content-type", CONTENT_TYPE);
            record.setBody(event.payload());
            records.add(record);
        }
        return records;
    }

    /** One event as a batch of its own, for sending the events of a refused batch one at a time. */
    public List<PendingEvent> alone(PendingEvent event) {
        return List.of(event);
    }
}
