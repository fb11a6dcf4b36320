package com.reftab.scim.oauth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a JWKS document within one deadline for the whole fetch (connect, headers and body) and
 * a byte bound, and at most so many at once across all tenants. Per-read timeouts alone would let
 * a server that drips a byte now and then hold a request thread for hours; at the deadline a
 * scheduled task disconnects the connection, which ends any read it is blocked in. A fetch that
 * finds all permits taken is refused at once rather than queued behind slow servers.
 */
final class BoundedJwksRetriever implements ResourceRetriever {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedJwksRetriever.class);

    /** One thread only fires disconnects; it does no I/O of its own worth waiting for. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jwks-fetch-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration deadline;
    private final int maxBytes;
    private final int maxConcurrent;
    private final Semaphore fetches;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    private final JwksHosts hosts;

    BoundedJwksRetriever(Duration deadline, int maxBytes, int maxConcurrent, JwksHosts hosts) {
        this.hosts = hosts;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.maxConcurrent = maxConcurrent;
        this.fetches = new Semaphore(maxConcurrent);
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            // Checked again at each fetch: the name may resolve elsewhere than when the URL was saved.
            hosts.check(url.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        if (!fetches.tryAcquire()) {
            // Logged once per spell of being full, not once per refused assertion.
            if (refusalLogged.compareAndSet(false, true)) {
                LOG.warn("JWKS fetch refused: reftab.oauth.jwks.max-concurrent-fetches ({}) are already running", maxConcurrent);
            }
            throw new IOException("Too many JWKS fetches at once");
        }
        refusalLogged.set(false);
        try {
            return fetch(url);
        } finally {
            fetches.release();
        }
    }

    private Resource fetch(URL url) throws IOException {
        long started = System.nanoTime();
        long deadlineNanos = deadline.toNanos();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> abort = DEADLINES.schedule(() -> {
            expired.set(true);
            connection.disconnect();
        }, deadlineNanos, TimeUnit.NANOSECONDS);
        try {
            int timeout = (int) Math.max(1, deadline.toMillis());
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json, application/jwk-set+json");
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("JWKS fetch answered HTTP " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                byte[] buffer = new byte[4096];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    if (System.nanoTime() - started > deadlineNanos) {
                        throw new IOException("JWKS fetch exceeded its deadline");
                    }
                    if (body.size() + read > maxBytes) {
                        throw new IOException("JWKS larger than " + maxBytes + " bytes");
                    }
                    body.write(buffer, 0, read);
                }
                return new Resource(body.toString(StandardCharsets.UTF_8), connection.getContentType());
            }
        } catch (IOException e) {
            if (expired.get()) {
                throw new IOException("JWKS fetch exceeded its deadline", e);
            }
            throw e;
        } finally {
            abort.cancel(false);
            connection.disconnect();
        }
    }
}
