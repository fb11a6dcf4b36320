package com.reftab.scim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.reftab.scim.resources.ResourceType;
import com.reftab.scim.resources.ResourceTypes;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.MockEndpointsAndSkip;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST verbs of every registered resource type hand the request, unchanged, to the route of
 * their operation ({@code direct:scim-users-get}, {@code direct:scim-groups-patch}, ...), which is
 * mocked and skipped here: each behaviour is one test, run once per resource type.
 */
@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "reftab.kafka.brokers=127.0.0.1:9",
                "camel.component.kafka.brokers=127.0.0.1:9",
                "spring.datasource.url=jdbc:h2:mem:scim-resource-rest-hand-off;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "reftab.data-dir=target/test-data/scim-resource-rest-hand-off",
                "reftab.scim.token=scim-token-rest-hand-off",
                "reftab.admin.token=admin-token-rest-hand-off"
        })
@UseAdviceWith
@MockEndpointsAndSkip("direct:scim-*")
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class ScimResourceRestHandOffTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    ResourceTypes types;

    @LocalServerPort
    int port;

    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachAll(camelContext);
            camelContext.start();
        }
    }

    @TestFactory
    Stream<DynamicTest> getOfOneResourceHandsThePathIdToTheGetRoute() {
        return forEveryType(type -> {
            mock(type, "get").expectedMessageCount(1);
            mock(type, "get").expectedHeaderReceived("id", "abc-123");
            mock(type, "list").expectedMessageCount(0);

            call(request(type, "/abc-123").GET());

            mock(type, "get").assertIsSatisfied(5000);
            mock(type, "list").assertIsSatisfied();
        });
    }

    @TestFactory
    Stream<DynamicTest> getOfTheCollectionHandsTheQueryParametersToTheListRoute() {
        return forEveryType(type -> {
            mock(type, "list").expectedMessageCount(1);
            mock(type, "list").expectedHeaderReceived("filter", "externalId eq \"ext-1\"");
            mock(type, "list").expectedHeaderReceived("startIndex", "11");
            mock(type, "list").expectedHeaderReceived("count", "5");
            mock(type, "list").expectedHeaderReceived("excludedAttributes", "meta");
            mock(type, "get").expectedMessageCount(0);

            call(request(type, "?filter=externalId%20eq%20%22ext-1%22&startIndex=11&count=5&excludedAttributes=meta").GET());

            mock(type, "list").assertIsSatisfied(5000);
            mock(type, "get").assertIsSatisfied();
        });
    }

    @TestFactory
    Stream<DynamicTest> postHandsTheRequestBodyToTheCreateRoute() {
        return forEveryType(type -> {
            mock(type, "create").expectedMessageCount(1);
            mock(type, "create").expectedBodiesReceived(resource(type));

            call(request(type, "").header("Content-Type", "application/scim+json")
                    .POST(BodyPublishers.ofString(resource(type))));

            mock(type, "create").assertIsSatisfied(5000);
        });
    }

    @TestFactory
    Stream<DynamicTest> putHandsThePathIdAndBodyToTheReplaceRoute() {
        return forEveryType(type -> {
            mock(type, "replace").expectedMessageCount(1);
            mock(type, "replace").expectedHeaderReceived("id", "abc-123");
            mock(type, "replace").expectedBodiesReceived(resource(type));

            call(request(type, "/abc-123").header("Content-Type", "application/scim+json")
                    .PUT(BodyPublishers.ofString(resource(type))));

            mock(type, "replace").assertIsSatisfied(5000);
        });
    }

    @TestFactory
    Stream<DynamicTest> patchHandsThePathIdTheAttributesAndThePatchOperationsToThePatchRoute() {
        String patchOp = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"ext-2\"}]}";
        return forEveryType(type -> {
            mock(type, "patch").expectedMessageCount(1);
            mock(type, "patch").expectedHeaderReceived("id", "abc-123");
            mock(type, "patch").expectedHeaderReceived("attributes", "externalId");
            mock(type, "patch").expectedBodiesReceived(patchOp);

            call(request(type, "/abc-123?attributes=externalId").header("Content-Type", "application/scim+json")
                    .method("PATCH", BodyPublishers.ofString(patchOp)));

            mock(type, "patch").assertIsSatisfied(5000);
        });
    }

    @TestFactory
    Stream<DynamicTest> deleteHandsThePathIdToTheDeleteRoute() {
        return forEveryType(type -> {
            mock(type, "delete").expectedMessageCount(1);
            mock(type, "delete").expectedHeaderReceived("id", "abc-123");

            call(request(type, "/abc-123").DELETE());

            mock(type, "delete").assertIsSatisfied(5000);
        });
    }

    @TestFactory
    Stream<DynamicTest> postToDotSearchHandsTheSearchRequestToTheSearchRouteNotToCreate() {
        String searchRequest = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"count\":1}";
        return forEveryType(type -> {
            mock(type, "search").expectedBodiesReceived(searchRequest);
            mock(type, "create").expectedMessageCount(0);

            call(request(type, "/.search").header("Content-Type", "application/scim+json")
                    .POST(BodyPublishers.ofString(searchRequest)));

            mock(type, "search").assertIsSatisfied(5000);
            mock(type, "create").assertIsSatisfied();
        });
    }

    /** One dynamic test per registered resource type, named for its endpoint, each with fresh mocks. */
    private Stream<DynamicTest> forEveryType(ThrowingConsumer<ResourceType<?>> behaviour) {
        assertThat(types.all()).isNotEmpty();
        return types.all().stream().map(type -> DynamicTest.dynamicTest(type.endpoint(), () -> {
            MockEndpoint.resetMocks(camelContext);
            behaviour.accept(type);
        }));
    }

    /** The mocked route a REST verb of the type hands off to: {@code direct:scim-users-get}. */
    private MockEndpoint mock(ResourceType<?> type, String operation) {
        return camelContext.getEndpoint("mock:direct:scim-" + type.endpoint().toLowerCase(Locale.ROOT) + "-" + operation,
                MockEndpoint.class);
    }

    /** A resource of the type as a client would send it; the hand-off passes it on unread. */
    private static String resource(ResourceType<?> type) {
        return "{\"schemas\":[\"" + type.schema().coreUrn() + "\"],\"externalId\":\"ext-1\"}";
    }

    private HttpRequest.Builder request(ResourceType<?> type, String rest) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/scim/v2/" + type.endpoint() + rest))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer scim-token-rest-hand-off");
    }

    private void call(HttpRequest.Builder request) throws Exception {
        http.sendAsync(request.build(), BodyHandlers.discarding()).get(10, TimeUnit.SECONDS);
    }
}
