package com.reftab.scim.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may point: https only, and only hosts whose every address is public, so a tenant
 * admin cannot make the service call its own loopback, the cloud metadata address or the private
 * network (as for JWKS URLs). {@code reftab.equipment-alerts.allow-insecure-webhooks} lifts both for
 * tests and local runs.
 */
public class WebhookHosts {

    /** One message for every refusal, so the answer tells nothing about the network behind it. */
    public static final String REFUSED = "webhookUrl must be an absolute https URL of a public host.";

    private final boolean allowInsecure;

    public WebhookHosts(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    /** When saved: a host the resolver cannot answer for now is taken; it is checked again before each call. */
    public void checkWhenSaved(String url) {
        check(url, true);
    }

    /** Before each call. @throws IllegalArgumentException with {@link #REFUSED} */
    public void checkBeforeCall(String url) {
        check(url, false);
    }

    private void check(String url, boolean unresolvedTaken) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new IllegalArgumentException(REFUSED);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        if (uri.getHost() == null || uri.getUserInfo() != null || !(https || allowInsecure && http)) {
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
