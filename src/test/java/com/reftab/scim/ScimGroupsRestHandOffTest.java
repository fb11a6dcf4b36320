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
                "spring.datasource.url=jdbc:h2:mem:scim-groups-rest-hand-off;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "reftab.data-dir=target/test-data/scim-groups-rest-hand-off",
                "reftab.scim.token=scim-token-groups-hand-off",
                "reftab.admin.token=admin-token-groups-hand-off"
        })
@UseAdviceWith
@MockEndpointsAndSkip("direct:scim-groups-*")
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class ScimGroupsRestHandOffTest {

    private static final String GROUP_JSON = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
            + "\"displayName\":\"Engineering\",\"members\":[{\"value\":\"u-1\"}]}";
    private static final String PATCH_JSON = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-1\\\"]\"}]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    ModelCamelContext camelContext;

    @LocalServerPort
    int port;

    @EndpointInject("mock:direct:scim-groups-list")
    MockEndpoint list;

    @EndpointInject("mock:direct:scim-groups-get")
    MockEndpoint get;

    @EndpointInject("mock:direct:scim-groups-create")
    MockEndpoint create;

    @EndpointInject("mock:direct:scim-groups-replace")
    MockEndpoint replace;

    @EndpointInject("mock:direct:scim-groups-patch")
    MockEndpoint patch;

    @EndpointInject("mock:direct:scim-groups-delete")
    MockEndpoint delete;

    @EndpointInject("mock:direct:scim-groups-search")
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
    void getOfTheCollectionHandsFilterAndExcludedAttributesToTheListRoute() throws Exception {
        list.expectedMessageCount(1);
        list.expectedHeaderReceived("filter", "displayName eq \"Engineering\"");
        list.expectedHeaderReceived("excludedAttributes", "members");
        get.expectedMessageCount(0);

        call(request("/scim/v2/Groups?filter=displayName%20eq%20%22Engineering%22&excludedAttributes=members").GET());

        list.assertIsSatisfied(5000);
        get.assertIsSatisfied();
    }

    @Test
    void getOfOneGroupHandsThePathIdToTheGetRoute() throws Exception {
        get.expectedMessageCount(1);
        get.expectedHeaderReceived("id", "g-123");
        list.expectedMessageCount(0);

        call(request("/scim/v2/Groups/g-123").GET());

        get.assertIsSatisfied(5000);
        list.assertIsSatisfied();
    }

    @Test
    void postHandsTheRequestBodyToTheCreateRoute() throws Exception {
        create.expectedMessageCount(1);
        create.expectedBodiesReceived(GROUP_JSON);

        call(request("/scim/v2/Groups")
                .header("Content-Type", "application/scim+json")
                .POST(BodyPublishers.ofString(GROUP_JSON)));

        create.assertIsSatisfied(5000);
    }

    @Test
    void patchHandsThePathIdTheAttributesAndThePatchOperationsToThePatchRoute() throws Exception {
        patch.expectedMessageCount(1);
        patch.expectedHeaderReceived("id", "g-123");
        patch.expectedHeaderReceived("attributes", "members");
        patch.expectedBodiesReceived(PATCH_JSON);

        call(request("/scim/v2/Groups/g-123?attributes=members")
                .header("Content-Type", "application/scim+json")
                .method("PATCH", BodyPublishers.ofString(PATCH_JSON)));

        patch.assertIsSatisfied(5000);
    }

    @Test
    void putHandsThePathIdAndBodyToTheReplaceRoute() throws Exception {
        replace.expectedMessageCount(1);
        replace.expectedHeaderReceived("id", "g-123");
        replace.expectedBodiesReceived(GROUP_JSON);

        call(request("/scim/v2/Groups/g-123")
                .header("Content-Type", "application/scim+json")
                .PUT(BodyPublishers.ofString(GROUP_JSON)));

        replace.assertIsSatisfied(5000);
    }

    @Test
    void deleteHandsThePathIdToTheDeleteRoute() throws Exception {
        delete.expectedMessageCount(1);
        delete.expectedHeaderReceived("id", "g-123");

        call(request("/scim/v2/Groups/g-123").DELETE());

        delete.assertIsSatisfied(5000);
    }

    @Test
    void postToDotSearchHandsTheSearchRequestToTheSearchRouteNotToCreate() throws Exception {
        String searchRequest = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"count\":1}";
        search.expectedBodiesReceived(searchRequest);
        create.expectedMessageCount(0);

        call(request("/scim/v2/Groups/.search")
                .header("Content-Type", "application/scim+json")
                .POST(BodyPublishers.ofString(searchRequest)));

        search.assertIsSatisfied(5000);
        create.assertIsSatisfied();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer scim-token-groups-hand-off");
    }

    private void call(HttpRequest.Builder request) throws Exception {
        http.sendAsync(request.build(), BodyHandlers.discarding()).get(10, TimeUnit.SECONDS);
    }
}
