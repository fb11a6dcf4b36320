package com.reftab.scim.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Sets a topic's {@code max.message.bytes} on the real broker, as an operator of a cluster with a
 * lower limit than the service's would have it: the broker then refuses larger records for good.
 */
public final class TopicLimit {

    private TopicLimit() {
    }

    public static void set(String bootstrapServers, String topic, int maxMessageBytes) throws Exception {
        String value = Integer.toString(maxMessageBytes);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", value))))
                        .all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET)))).all().get();
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            await().atMost(Duration.ofSeconds(10)).until(() -> value.equals(admin.describeConfigs(List.of(resource)).all()
                    .get().get(resource).get("max.message.bytes").value()));
        }
    }
}
