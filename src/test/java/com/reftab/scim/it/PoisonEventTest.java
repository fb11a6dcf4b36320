package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.reftab.scim.kafka.LocalKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A record no consumer can apply does not stop the pipeline: each consumer retries it a few times,
 * parks it on the dead-letter topic with its reason, and goes on with the events behind it.
 */
@ScimIntegrationTest
class PoisonEventTest {

    @LocalServerPort
    int port;

    @Autowired
    LocalKafkaBroker broker;

    @Value("${reftab.events.topic}")
    String topic;

    @Value("${reftab.events.dead-letter-topic}")
    String deadLetterTopic;

    @Test
    void anUndecodableEventIsParkedAndTheEventsBehindItStillReachTheUserStore() throws Exception {
        String poison = "{\"type\": \"com.reftab.scim.user.created\", \"data\": {\"id\": \"" + UUID.randomUUID();
        publish(poison);
        HttpCalls scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        String userName = "after.poison." + UUID.randomUUID() + "@example.com";
        String userId = scim.post("/scim/v2/Users", HttpCalls.oktaUser(userName, "After", "Poison")).body().path("id").asText();

        HttpCalls admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/admin/accounts/" + userId).status() == 200);

        List<EventTopic.RawRecord> parked = EventTopic.readRaw(broker.bootstrapServers(), deadLetterTopic).stream()
                .filter(record -> poison.equals(record.value())).toList();
        assertThat(parked).extracting(record -> record.headers().get("reftab-dead-letter-consumer"))
                .containsExactlyInAnyOrder("account-projection", "role-mapping", "equipment-alert-users");
        assertThat(parked).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo("default");
            assertThat(record.headers().get("reftab-dead-letter-reason")).contains("JsonEOFException");
            assertThat(record.headers().get("reftab-original-topic")).isEqualTo(topic);
            assertThat(record.headers().get("reftab-original-offset")).containsOnlyDigits();
        });
    }

    @Test
    void aParkedEventIsShownToTheTenantsAdminsAndCounted() throws Exception {
        String poison = "not json " + UUID.randomUUID();
        publish(poison);
        HttpCalls admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);

        JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(
                () -> parkedBy(admin, poison, "account-projection"), found -> !found.isMissingNode());

        assertThat(letter.path("reason").asText()).isNotBlank();
        assertThat(letter.path("topic").asText()).isEqualTo(topic);
        assertThat(letter.path("parkedAt").asText()).isNotBlank();
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("reftab_events_dead_lettered_total\\{[^}]*consumer=\"account-projection\"[^}]*} [1-9]");
    }

    private static JsonNode parkedBy(HttpCalls admin, String payload, String consumer) {
        for (JsonNode letter : admin.get("/api/admin/events").body().path("deadLetters")) {
            if (payload.equals(letter.path("payload").asText()) && consumer.equals(letter.path("consumer").asText())) {
                return letter;
            }
        }
        return MissingNode.getInstance();
    }

    private void publish(String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "default", value)).get();
        }
    }
}
