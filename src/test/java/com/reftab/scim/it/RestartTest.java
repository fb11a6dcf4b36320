package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.reftab.scim.ReftabScimApplication;
import com.reftab.scim.kafka.LocalKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The service started twice on one data directory, with nothing else configured, as an operator would. */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... extraProperties) {
        String[] properties = List.of("--server.port=0", "--reftab.data-dir=" + dataDir, "--reftab.outbox.poll-interval-ms=50")
                .toArray(String[]::new);
        String[] all = new String[properties.length + extraProperties.length];
        System.arraycopy(properties, 0, all, 0, properties.length);
        System.arraycopy(extraProperties, 0, all, properties.length, extraProperties.length);
        return new SpringApplicationBuilder(ReftabScimApplication.class).run(all);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aRestartKeepsUsersTokensAccountsAndConsumerOffsets() throws Exception {
        String id;
        try (ConfigurableApplicationContext first = start("--reftab.scim.token=restart-scim", "--reftab.admin.token=restart-admin")) {
            HttpCalls scim = new HttpCalls(port(first), "restart-scim");
            id = scim.post("/scim/v2/Users", oktaUser("restart@atko.com", "Re", "Start")).body().path("id").asText();
            HttpCalls admin = new HttpCalls(port(first), "restart-admin");
            await().atMost(Duration.ofSeconds(15)).until(() -> admin.get("/api/admin/accounts/" + id).status() == 200);
        }

        try (ConfigurableApplicationContext second = start()) {
            HttpCalls scim = new HttpCalls(port(second), "restart-scim");
            HttpCalls admin = new HttpCalls(port(second), "restart-admin");

            assertThat(scim.get("/scim/v2/Users/" + id).body().path("userName").asText()).isEqualTo("restart@atko.com");
            assertThat(admin.get("/api/admin/accounts/" + id).body().path("status").asText()).isEqualTo("active");
            String bootstrap = second.getBean(LocalKafkaBroker.class).bootstrapServers();
            String topic = second.getEnvironment().getProperty("reftab.events.topic");
            String group = second.getEnvironment().getProperty("reftab.projection.group-id");
            assertThat(committedOffset(bootstrap, group, topic)).isEqualTo(endOffset(bootstrap, topic)).isPositive();
        }
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    private static long committedOffset(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static long endOffset(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            long sum = 0;
            for (int p = 0; p < partitions; p++) {
                TopicPartition partition = new TopicPartition(topic, p);
                sum += admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
            }
            return sum;
        }
    }
}
