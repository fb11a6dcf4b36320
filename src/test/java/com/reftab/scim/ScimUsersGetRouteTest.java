package com.reftab.scim;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.ScimJson;
import com.reftab.scim.resources.Resources;
import com.reftab.scim.resources.UserResources;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, properties = {
        "reftab.kafka.brokers=127.0.0.1:9",
        "camel.component.kafka.brokers=127.0.0.1:9",
        "spring.datasource.url=jdbc:h2:mem:scim-users-get-route;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/scim-users-get-route",
        "reftab.scim.token=scim-token-get-route",
        "reftab.admin.token=admin-token-get-route"
})
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScimUsersGetRouteTest {

    private static final String SCIM_TOKEN = "scim-token-get-route";
    private static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    Resources resources;

    @Autowired
    UserResources users;

    @Autowired
    ObjectMapper mapper;

    @EndpointInject("mock:scim-users-bean")
    MockEndpoint userDirectoryCalls;

    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachAll(camelContext);
            // The flow every resource type's GET shares; scim-users-get names the type and hands off to it.
            AdviceWith.adviceWith(camelContext, "scim-resource-get",
                    route -> route.weaveByType(BeanDefinition.class).before().to("mock:scim-users-bean"));
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
    }

    @Test
    void requestWithoutAuthorizationIsAnswered401ScimErrorWithoutReachingTheUserDirectory() throws Exception {
        userDirectoryCalls.expectedMessageCount(0);

        Exchange reply = template.request("direct:scim-users-get", exchange ->
                exchange.getMessage().setHeader("id", "abc-123"));

        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        JsonNode error = json(reply);
        assertThat(error.path("schemas").get(0).asText()).isEqualTo(ERROR_SCHEMA);
        assertThat(error.path("status").asText()).isEqualTo("401");
        userDirectoryCalls.assertIsSatisfied();
    }

    @Test
    void requestWithAnUnknownBearerTokenIsAnswered401WithABearerChallengeAndNoRequestHeaders() throws Exception {
        userDirectoryCalls.expectedMessageCount(0);

        Exchange reply = template.request("direct:scim-users-get", exchange -> {
            exchange.getMessage().setHeader("Authorization", "Bearer not-" + SCIM_TOKEN);
            exchange.getMessage().setHeader("id", "abc-123");
        });

        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(json(reply).path("schemas").get(0).asText()).isEqualTo(ERROR_SCHEMA);
        assertThat(reply.getMessage().getHeaders())
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE, "WWW-Authenticate", "X-Request-Id")
                .containsEntry("WWW-Authenticate", "Bearer realm=\"reftab-scim\"");
        userDirectoryCalls.assertIsSatisfied();
    }

    @Test
    void authenticatedRequestReachesTheUserDirectoryForTheTokensTenantAndIsAnsweredWithTheUser() throws Exception {
        String id = createUser("grace@example.com");
        userDirectoryCalls.expectedMessageCount(1);
        userDirectoryCalls.expectedHeaderReceived("id", id);
        userDirectoryCalls.expectedPropertyReceived("scimCall", new ScimCall("default", "http://scim.example.test"));

        Exchange reply = template.request("direct:scim-users-get", exchange -> {
            exchange.getMessage().setHeader("Authorization", "Bearer " + SCIM_TOKEN);
            exchange.getMessage().setHeader("Host", "scim.example.test");
            exchange.getMessage().setHeader("id", id);
        });

        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(json(reply).path("id").asText()).isEqualTo(id);
        assertThat(json(reply).path("userName").asText()).isEqualTo("grace@example.com");
        userDirectoryCalls.assertIsSatisfied();
    }

    @Test
    void replyCarriesOnlyTheHeadersTheReplyWriterSetsAndNoneOfTheRequestHeaders() {
        String id = createUser("ada@example.com");

        Exchange reply = template.request("direct:scim-users-get", exchange -> {
            exchange.getMessage().setHeader("Authorization", "Bearer " + SCIM_TOKEN);
            exchange.getMessage().setHeader("id", id);
            exchange.getMessage().setHeader("X-Custom-Header", "internal");
        });

        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(reply.getMessage().getHeaders())
                .doesNotContainKeys("Authorization", "id", "X-Custom-Header")
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE, "ETag", "X-Request-Id");
    }

    @Test
    void aMatchingIfNoneMatchIsAnswered304WithOnlyTheETagAndNoBody() {
        String id = createUser("alan@example.com");

        Exchange reply = template.request("direct:scim-users-get", exchange -> {
            exchange.getMessage().setHeader("Authorization", "Bearer " + SCIM_TOKEN);
            exchange.getMessage().setHeader("id", id);
            exchange.getMessage().setHeader("If-None-Match", "\"1\"");
        });

        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(304);
        assertThat(reply.getMessage().getHeaders())
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, "ETag", "X-Request-Id")
                .containsEntry("ETag", "W/\"1\"");
        assertThat(reply.getMessage().getBody()).isNull();
    }

    private String createUser(String userName) {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"}";
        return resources.create(new ScimCall("default", "http://localhost"), users,
                ScimJson.readObject(body.getBytes(StandardCharsets.UTF_8)), AttributeSelection.ALL).body().path("id").asText();
    }

    private JsonNode json(Exchange reply) throws Exception {
        return mapper.readTree(reply.getMessage().getBody(byte[].class));
    }
}
