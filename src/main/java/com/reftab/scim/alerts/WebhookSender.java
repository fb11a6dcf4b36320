package com.reftab.scim.alerts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts a webhook body: to a host the service may call, checked before each call, and connected to
 * at the very addresses checked (the client's resolver answers with them), so a name that resolves
 * to a private address once checked (DNS rebinding) is not reached; TLS still verifies the host
 * name. Never following a redirect, the whole call within one deadline. A 2xx answer is delivered;
 * anything else is a failure to retry.
 */
class WebhookSender {

    /** Ends a call at its deadline, whatever it is waiting for. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "reftab-webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final WebhookHosts hosts;
    private final AlertSettings settings;

    WebhookSender(WebhookHosts hosts, AlertSettings settings) {
        this.hosts = hosts;
        this.settings = settings;
    }

    void send(String url, String json) throws Exception {
        InetAddress[] checked = hosts.checkBeforeCall(url);
        URI uri = URI.create(url);
        Timeout timeout = Timeout.of(settings.webhookTimeout());
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(pinned(uri.getHost(), checked))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().build()) {
            HttpPost post = new HttpPost(uri);
            post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
            ScheduledFuture<?> deadline = DEADLINES.schedule(post::cancel, settings.webhookTimeout().toMillis(), TimeUnit.MILLISECONDS);
            int status;
            try {
                status = client.execute(post, response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
            } catch (IOException e) {
                // Cancelled at the deadline, or a connect or read timeout (each the same length) came first.
                if (post.isCancelled() || e instanceof java.io.InterruptedIOException) {
                    throw new IllegalStateException("no answer within " + settings.webhookTimeout());
                }
                throw new IllegalStateException(e.getClass().getSimpleName());
            } finally {
                deadline.cancel(false);
            }
            if (status / 100 != 2) {
                throw new IllegalStateException("answered " + status);
            }
        }
    }

    /** Answers the webhook's host with the addresses checked, and nothing else. */
    private static DnsResolver pinned(String host, InetAddress[] checked) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String name) throws UnknownHostException {
                if (checked.length == 0 || !name.equalsIgnoreCase(host)) {
                    throw new UnknownHostException(name);
                }
                return checked.clone();
            }

            @Override
            public String resolveCanonicalHostname(String name) {
                return name;
            }
        };
    }
}
