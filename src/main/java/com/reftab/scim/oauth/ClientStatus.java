package com.reftab.scim.oauth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a client still exists, and under which tenant: the one database fact an access token's
 * check needs beyond its signature. Kept per client for {@code reftab.oauth.client-status-cache}
 * (5 s), so a busy client costs one read every few seconds, not one a request; a deletion on this
 * instance is seen at once, on another within that time. At most {@value #MAX_ENTRIES} clients
 * are kept, the least recently used dropped first.
 */
@Component
public class ClientStatus {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<String> tenantId, Instant readAt) {
    }

    private final JdbcTemplate jdbc;
    private final InstantSource clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public ClientStatus(JdbcTemplate jdbc, @Qualifier("tokenClock") InstantSource clock, OAuthSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = settings.clientStatusCache();
    }

    /** @return the tenant of the client, if it exists */
    public Optional<String> tenantOf(String clientId) {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(clientId);
            if (entry != null && entry.readAt().plus(ttl).isAfter(now)) {
                return entry.tenantId();
            }
        }
        Optional<String> tenant = jdbc.query("select tenant_id from oauth_client where id = ?",
                (rs, row) -> rs.getString(1), clientId).stream().findFirst();
        synchronized (entries) {
            entries.put(clientId, new Entry(tenant, now));
        }
        return tenant;
    }

    /** The client changed (deleted): the next check reads it again. */
    public void forget(String clientId) {
        synchronized (entries) {
            entries.remove(clientId);
        }
    }
}
