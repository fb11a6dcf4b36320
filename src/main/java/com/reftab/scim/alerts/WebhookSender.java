package com.reftab.scim.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts a webhook body: to a host the service may call (checked before each call, so a name that
 * now resolves to a private address is refused), never following a redirect, the whole call within
 * one deadline. A 2xx answer is delivered; anything else is a failure to retry.
 */
class WebhookSender {

    private final HttpClient client;
    private final WebhookHosts hosts;
    private final AlertSettings settings;

    WebhookSender(WebhookHosts hosts, AlertSettings settings) {
        this.hosts = hosts;
        this.settings = settings;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.webhookTimeout()).build();
    }

    void send(String url, String json) throws Exception {
        hosts.checkBeforeCall(url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.webhookTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> response;
        try {
            response = call.get(settings.webhookTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new IllegalStateException("no answer within " + settings.webhookTimeout());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getClass().getSimpleName());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("answered " + response.statusCode());
        }
    }
}
