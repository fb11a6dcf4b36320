package com.reftab.scim.oauth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a JWKS may be fetched from: https only, and only hosts whose every address is public, so a
 * tenant admin cannot point the service at its own loopback, the cloud metadata address or the
 * private network. {@code reftab.oauth.jwks.allow-insecure-hosts} lifts both for tests and local runs.
 */
final class JwksHosts {

    /** One message for every refusal, so the answer tells nothing about the network behind it. */
    static final String REFUSED = "federatedCredential.jwksUri must be an absolute https URL of a public host.";

    private final boolean allowInsecure;

    JwksHosts(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    /** Before a fetch: https, and every address of the host public. @throws IllegalArgumentException with {@link #REFUSED} */
    void check(String jwksUri) {
        check(jwksUri, false);
    }

    /**
     * When a federated credential is saved: as before a fetch, except that a host the resolver cannot
     * answer for now (no DNS here, or DNS down) is taken; its addresses are checked before each fetch.
     */
    void checkWhenSaved(String jwksUri) {
        check(jwksUri, true);
    }

    private void check(String jwksUri, boolean unresolvedTaken) {
        URI uri;
        try {
            uri = new URI(jwksUri);
        } catch (Exception e) {
            throw new IllegalArgumentException(REFUSED);
        }
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                || (allowInsecure && "http".equalsIgnoreCase(uri.getScheme())))) {
            throw new IllegalArgumentException(REFUSED);
        }
        if (allowInsecure) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            if (unresolvedTaken) {
                return;
            }
            throw new IllegalArgumentException(REFUSED);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new IllegalArgumentException(REFUSED);
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        // IPv6 unique-local fc00::/7, which isSiteLocalAddress (fec0::/10) does not cover.
        return !(bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc);
    }
}
