package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests refused before their body: every path under /scim and /api asks for its credential
 * first, and each refusal is answered at once and closes the connection without reading the body.
 * The clients here send the headers and none of the 1,000 body bytes they announce, under the
 * configured connection timeout (20 s): a refusal that waited for the body, or read (drained) it
 * after answering, would not have closed the connection within {@link #PROMPTLY}.
 */
@ScimIntegrationTest
class EarlyRefusalTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    @LocalServerPort
    int port;

    Tenants tenants;

    @BeforeEach
    void tenants() {
        tenants = new Tenants(port, "early");
    }

    @RegisterExtension
    final OpenConnections connections = new OpenConnections(() -> port);

    /** Announces a 1,000-byte body and sends none of it. */
    private RawConnection withoutTheBody(String method, String path, String token, String... headers) {
        RawConnection connection = connections.open();
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Content-Length: 1000");
        return connection.head(method, path, token, all.toArray(String[]::new));
    }

    private static void assertRefusedAndClosed(RawConnection connection, int status) {
        await().atMost(PROMPTLY).until(connection::closedByServer);
        assertThat(connection.status()).isEqualTo(status);
        assertThat(connection.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(connection.received()).contains(ERROR_SCHEMA).contains("\"status\":\"" + status + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/operator/tenants", "/api/no-such-endpoint", "/scim/v2/Users", "/api/admin/roles"})
    void withoutACredentialEveryApiPathAnswers401BeforeTheBodyAndClosesTheConnection(String path) {
        RawConnection upload = withoutTheBody("POST", path, null);

        assertRefusedAndClosed(upload, 401);
        assertThat(upload.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void theOperatorApiRefusesATenantsTokenBeforeTheBody() {
        RawConnection upload = withoutTheBody("POST", "/api/operator/tenants", ScimIntegrationTest.ADMIN_TOKEN);

        assertRefusedAndClosed(upload, 401);
    }

    @Test
    void aWrongTokenIsRefusedBeforeTheBodyAndTheConnectionClosed() {
        RawConnection upload = withoutTheBody("PUT", "/scim/v2/Users/" + UUID.randomUUID(), "not-a-token");

        assertRefusedAndClosed(upload, 401);
    }

    @Test
    void aPathThatIsNoEndpointAnswers404ToAValidCredentialWithoutReadingTheBody() {
        RawConnection upload = withoutTheBody("POST", "/api/no-such-endpoint", ScimIntegrationTest.SCIM_TOKEN);

        assertRefusedAndClosed(upload, 404);
    }

    @Test
    void aPathThatIsNoEndpointAnswers401WithoutACredentialAnd404WithOne() {
        HttpCalls.Reply anonymous = new HttpCalls(port, null).get("/api/no-such-endpoint");
        HttpCalls.Reply withOperatorToken = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN).get("/api/no-such-endpoint");
        HttpCalls.Reply withAdminToken = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN).get("/api");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(withOperatorToken.status()).isEqualTo(404);
        assertThat(withAdminToken.status()).isEqualTo(404);
        assertThat(withAdminToken.body().path("schemas").get(0).asText()).isEqualTo(ERROR_SCHEMA);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith415WithoutBeingRead() {
        RawConnection upload = withoutTheBody("POST", "/scim/v2/Users", ScimIntegrationTest.SCIM_TOKEN,
                "Content-Type: text/plain");

        assertRefusedAndClosed(upload, 415);
    }

    @Test
    void aFormEncodedBodyIsRefusedWith415BeforeAnythingParsesIt() {
        RawConnection upload = withoutTheBody("PUT", "/scim/v2/Users/" + UUID.randomUUID(), null,
                "Content-Type: application/x-www-form-urlencoded");

        assertRefusedAndClosed(upload, 415);
    }

    @Test
    void aBodySentToAPathOutsideTheApiIsNotDrained() {
        RawConnection upload = withoutTheBody("POST", "/no-such-page", null);

        await().atMost(PROMPTLY).until(upload::closedByServer);
        assertThat(upload.status()).isEqualTo(404);
    }

    @Test
    void answeredRequestsKeepTheirConnectionForTheNext() {
        String token = tenants.create().scimToken();
        RawConnection connection = connections.open();
        byte[] user = oktaUser("keep-" + UUID.randomUUID() + "@atko.com", "Kee", "Palive").getBytes(StandardCharsets.UTF_8);

        connection.head("GET", "/scim/v2/Users?count=1", token);
        await().atMost(PROMPTLY).until(() -> answers(connection) == 1);
        connection.head("POST", "/scim/v2/Users", token, "Content-Length: " + user.length).send(user);
        await().atMost(PROMPTLY).until(() -> answers(connection) == 2);
        connection.head("GET", "/scim/v2/Users?count=1", token);
        await().atMost(PROMPTLY).until(() -> answers(connection) == 3);

        assertThat(connection.received()).contains("HTTP/1.1 201").doesNotContainIgnoringCase("Connection: close");
        assertThat(connection.closedByServer()).isFalse();
    }

    @Test
    void aRefusedRequestWithoutABodyKeepsItsConnection() {
        String token = tenants.create().scimToken();
        RawConnection connection = connections.open();

        connection.head("GET", "/scim/v2/Users?count=1", "not-a-token");
        await().atMost(PROMPTLY).until(() -> answers(connection) == 1);
        connection.head("GET", "/scim/v2/Users?count=1", token);
        await().atMost(PROMPTLY).until(() -> answers(connection) == 2);

        assertThat(connection.received()).contains("HTTP/1.1 401").contains("HTTP/1.1 200")
                .doesNotContainIgnoringCase("Connection: close");
        assertThat(connection.closedByServer()).isFalse();
    }

    private static int answers(RawConnection connection) {
        connection.closedByServer();
        return connection.received().split("HTTP/1\\.1 ", -1).length - 1;
    }
}
