package com.reftab.scim.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A small HTTP client for the tests, speaking to the service the way Okta does. */
final class HttpCalls {

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;
    private final List<String[]> extraHeaders;

    HttpCalls(int port, String token) {
        this("http://localhost:" + port, token == null ? null : "Bearer " + token, List.of());
    }

    private HttpCalls(String baseUrl, String authorization, List<String[]> extraHeaders) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.extraHeaders = extraHeaders;
    }

    /** The same client sending one more request header line (a second call with the same name adds a line). */
    HttpCalls withHeader(String name, String value) {
        List<String[]> more = new ArrayList<>(extraHeaders);
        more.add(new String[] {name, value});
        return new HttpCalls(baseUrl, authorization, List.copyOf(more));
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    /** A GET whose answer is not JSON (a page, a CSV file): the raw response. */
    HttpResponse<String> getText(String path) {
        try {
            return client.send(request(path).setHeader("Accept", "*/*").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path, String body) {
        return send(request(path, "application/scim+json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String body) {
        return send(request(path, "application/scim+json; charset=utf-8").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply patch(String path, String body) {
        return send(request(path, "application/scim+json; charset=utf-8")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path, contentType);
        return send(builder.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Any bytes as the body (invalid UTF-8 included), with a Content-Length or chunked without one;
     * a reply that is not JSON keeps its raw text and a missing body.
     */
    Reply sendBytes(String method, String path, String contentType, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        try {
            HttpResponse<String> response = client.send(request(path, contentType).method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), lenientJson(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode lenientJson(String text) {
        try {
            return text == null || text.isEmpty() ? MissingNode.getInstance() : JSON.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/scim+json")
                .header("User-Agent", "Okta SCIM Client 1.0.0");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        extraHeaders.forEach(header -> builder.header(header[0], header[1]));
        return builder;
    }

    private HttpRequest.Builder request(String path, String contentType) {
        HttpRequest.Builder builder = request(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isEmpty()
                    ? MissingNode.getInstance() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String oktaUser(String userName, String givenName, String familyName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"%s","familyName":"%s"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"%s %s","locale":"en-US","externalId":"00u%s",
                 "groups":[],"password":"1mz050nq","active":true}
                """.formatted(userName, givenName, familyName, userName.toLowerCase(), givenName, familyName,
                Integer.toHexString(userName.hashCode()));
    }

    static String activePatch(boolean active) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":%s}}]}
                """.formatted(active);
    }
}
