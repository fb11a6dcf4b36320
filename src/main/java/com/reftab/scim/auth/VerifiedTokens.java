package com.reftab.scim.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens found live in the database a moment ago, by their hash and kind, so that a busy client
 * costs one token read every few seconds instead of one a request. An entry is used only while it
 * is younger than the time given and its token's end (a rotation's overlap) has not come by the
 * same clock; whatever changes tokens on this instance forgets every entry at once, so only a
 * change made by another instance can take up to that time to be seen. Holds hashes, never a token.
 * At most {@value #MAX_ENTRIES} entries; when full it starts again empty.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    /** A token read as live at {@code readAt}; its last use was written at {@code usedAt}. */
    record Verified(byte[] hash, String tokenId, String tenantId, Instant expiresAt, Instant readAt, Instant usedAt) {

        boolean usableAt(Instant now, Duration ttl) {
            return readAt.plus(ttl).isAfter(now) && (expiresAt == null || expiresAt.isAfter(now));
        }

        Verified usedAt(Instant now) {
            return new Verified(hash, tokenId, tenantId, expiresAt, readAt, now);
        }
    }

    private record Key(String hash, TokenKind kind) {
    }

    private final Duration ttl;
    private final Map<Key, Verified> entries = new ConcurrentHashMap<>();
    // Counts forgetAll calls: a token read before a change here must not be remembered after it.
    private final AtomicLong changes = new AtomicLong();

    /** @param ttl how long a token read as live is taken as live without reading it again; zero: never */
    VerifiedTokens(Duration ttl) {
        this.ttl = ttl;
    }

    Optional<Verified> find(String hash, TokenKind kind, Instant now) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        Verified entry = entries.get(new Key(hash, kind));
        return entry != null && entry.usableAt(now, ttl) ? Optional.of(entry) : Optional.empty();
    }

    /** @return to give {@link #remember} for a token read from now on */
    long changesSoFar() {
        return changes.get();
    }

    /**
     * @param changesBeforeRead {@link #changesSoFar()} taken before the token was read: when tokens
     * changed here since, the read may be older than the change and is not kept
     */
    void remember(String hash, TokenKind kind, Verified verified, long changesBeforeRead) {
        if (ttl.isZero()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        Key key = new Key(hash, kind);
        entries.put(key, verified);
        if (changes.get() != changesBeforeRead) {
            entries.remove(key, verified);
        }
    }

    /** Last use written again: the entry keeps when, so the next write is a minute later. */
    void used(String hash, TokenKind kind, Verified before, Instant now) {
        entries.replace(new Key(hash, kind), before, before.usedAt(now));
    }

    /** A token changed here (revoked, rotated, retired), once committed: every check reads the database again. */
    void forgetAll() {
        changes.incrementAndGet();
        entries.clear();
    }
}
