package com.reftab.scim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.camel.EndpointInject;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.MockEndpointsAndSkip;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "reftab.kafka.brokers=127.0.0.1:9",
                "camel.component.kafka.brokers=127.0.0.1:9",
                "spring.datasource.url=jdbc:h2:mem:scim-users-rest-hand-off;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "reftab.data-dir=target/test-data/scim-users-rest-hand-off",
                "reftab.scim.token=scim-token-rest-hand-off",
                "reftab.admin.token=admin-token-rest-hand-off"
        })
@UseAdviceWith
@MockEndpointsAndSkip("direct:scim-users-*")
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class ScimUsersRestHandOffTest {

    private static final String USER_JSON = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
            + "\"userName\":\"ada@example.com\",\"active\":true}";
    private static final String PATCH_JSON = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    ModelCamelContext camelContext;

    @LocalServerPort
    int port;

    @EndpointInject("mock:direct:scim-users-list")
    MockEndpoint list;

    @EndpointInject("mock:direct:scim-users-get")
    MockEndpoint get;

    @EndpointInject("mock:direct:scim-users-create")
    MockEndpoint create;

    @EndpointInject("mock:direct:scim-users-replace")
    MockEndpoint replace;

    @EndpointInject("mock:direct:scim-users-patch")
    MockEndpoint patch;

    @EndpointInject("mock:direct:scim-users-delete")
    MockEndpoint delete;

    @EndpointInject("mock:direct:scim-users-search")
    MockEndpoint search;

    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachAll(camelContext);
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
    }

    @Test
    void getOfOneUserHandsThePathIdToTheGetRoute() throws Exception {
        get.expectedMessageCount(1);
        get.expectedHeaderReceived("id", "abc-123");
        list.expectedMessageCount(0);

        call(request("/scim/v2/Users/abc-123").GET());

        get.assertIsSatisfied(5000);
        list.assertIsSatisfied();
    }

    @Test
    void getOfTheCollectionHandsTheQueryParametersToTheListRoute() throws Exception {
        list.expectedMessageCount(1);
        list.expectedHeaderReceived("filter", "userName eq \"ada@example.com\"");
        list.expectedHeaderReceived("startIndex", "11");
        list.expectedHeaderReceived("count", "5");
        get.expectedMessageCount(0);

        call(request("/scim/v2/Users?filter=userName%20eq%20%22ada%40example.com%22&startIndex=11&count=5").GET());

        list.assertIsSatisfied(5000);
        get.assertIsSatisfied();
    }

    @Test
    void postHandsTheRequestBodyToTheCreateRoute() throws Exception {
        create.expectedBodiesReceived(USER_JSON);

        call(request("/scim/v2/Users")
                .header("Content-Type", "application/scim+json")
                .POST(BodyPublishers.ofString(USER_JSON)));

        create.assertIsSatisfied(5000);
    }

    @Test
    void putHandsThePathIdAndBodyToTheReplaceRoute() throws Exception {
        replace.expectedHeaderReceived("id", "abc-123");
        replace.expectedBodiesReceived(USER_JSON);

        call(request("/scim/v2/Users/abc-123")
                .header("Content-Type", "application/scim+json")
                .PUT(BodyPublishers.ofString(USER_JSON)));

        replace.assertIsSatisfied(5000);
    }

    @Test
    void patchHandsThePathIdAndPatchOperationsToThePatchRoute() throws Exception {
        patch.expectedHeaderReceived("id", "abc-123");
        patch.expectedBodiesReceived(PATCH_JSON);

        call(request("/scim/v2/Users/abc-123")
                .header("Content-Type", "application/scim+json")
                .method("PATCH", BodyPublishers.ofString(PATCH_JSON)));

        patch.assertIsSatisfied(5000);
    }

    @Test
    void deleteHandsThePathIdToTheDeleteRoute() throws Exception {
        delete.expectedMessageCount(1);
        delete.expectedHeaderReceived("id", "abc-123");

        call(request("/scim/v2/Users/abc-123").DELETE());

        delete.assertIsSatisfied(5000);
    }

    @Test
    void postToDotSearchHandsTheSearchRequestToTheSearchRouteNotToCreate() throws Exception {
        String searchRequest = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"count\":1}";
        search.expectedBodiesReceived(searchRequest);
        create.expectedMessageCount(0);

        call(request("/scim/v2/Users/.search")
                .header("Content-Type", "application/scim+json")
                .POST(BodyPublishers.ofString(searchRequest)));

        search.assertIsSatisfied(5000);
        create.assertIsSatisfied();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer scim-token-rest-hand-off");
    }

    private void call(HttpRequest.Builder request) throws Exception {
        http.sendAsync(request.build(), BodyHandlers.discarding()).get(10, TimeUnit.SECONDS);
    }
}
