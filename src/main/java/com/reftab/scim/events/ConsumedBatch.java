package com.reftab.scim.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * The records of one poll of a batching Kafka consumer, as the consumer routes use them: their
 * values to apply together, each record with its Kafka headers to apply alone, and the offsets
 * to commit once all of them are applied or parked.
 */
@Component("consumedBatch")
public class ConsumedBatch {

    public List<String> values(List<Exchange> records) {
        return records.stream().map(record -> record.getMessage().getBody(String.class)).toList();
    }

    public List<Message> records(List<Exchange> records) {
        return records.stream().map(Exchange::getMessage).toList();
    }

    /**
     * Commits, for each partition in the batch, the offset after its last record. Records without
     * a manual-commit handle (sent by a test straight to the route) have nothing to commit.
     */
    public void commit(List<Exchange> records) {
        Map<String, KafkaManualCommit> lastOfPartition = new LinkedHashMap<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            KafkaManualCommit commit = message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit != null) {
                lastOfPartition.put(message.getHeader(KafkaConstants.TOPIC) + "-" + message.getHeader(KafkaConstants.PARTITION),
                        commit);
            }
        }
        lastOfPartition.values().forEach(KafkaManualCommit::commit);
    }
}
