package com.reftab.scim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Entra's provisioning engine as a client of a tenant's token endpoint: it asks for an access token
 * with the client credentials grant, keeps it, and asks again when it is about to expire (here,
 * five minutes before {@code expires_in} runs out). The credential is a form, asked for anew each
 * time (a federated assertion is signed afresh for each request, as Entra does).
 */
final class EntraAccessTokens implements Supplier<String> {

    /** Asked for again this long before the token expires, so no SCIM call carries a token about to lapse. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI tokenEndpoint;
    private final Supplier<String> credentialForm;
    private final InstantSource clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    /** @param credentialForm the grant's form: {@code grant_type=client_credentials&client_id=…} and the secret or assertion */
    EntraAccessTokens(String tokenEndpoint, Supplier<String> credentialForm, InstantSource clock) {
        this.tokenEndpoint = URI.create(tokenEndpoint);
        this.credentialForm = credentialForm;
        this.clock = clock;
    }

    static String secretForm(String clientId, String clientSecret) {
        return "grant_type=client_credentials&client_id=" + form(clientId) + "&client_secret=" + form(clientSecret);
    }

    static String assertionForm(String clientId, String assertion) {
        return "grant_type=client_credentials&client_id=" + form(clientId)
                + "&client_assertion_type=" + form("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + form(assertion);
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            JsonNode answer = requestToken();
            token = answer.path("access_token").asText();
            renewAt = now.plusSeconds(answer.path("expires_in").asLong()).minus(RENEW_BEFORE_EXPIRY);
        }
        return token;
    }

    private JsonNode requestToken() {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentialForm.get()))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            if (!"Bearer".equalsIgnoreCase(answer.path("token_type").asText()) || answer.path("access_token").asText().isEmpty()
                    || answer.path("expires_in").asLong() <= RENEW_BEFORE_EXPIRY.toSeconds()) {
                throw new AssertionError("not a usable access token answer: " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
