package com.reftab.scim.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may point: https only, and only hosts whose every address is public, so a tenant
 * admin cannot make the service call its own loopback, the cloud metadata address or the private
 * network (as for JWKS URLs), nor reach them through an IPv4 address inside an IPv6 one (NAT64,
 * 6to4, IPv4-compatible). {@code reftab.equipment-alerts.allow-insecure-webhooks} lifts both for
 * tests and local runs.
 */
public class WebhookHosts {

    /** One message for every refusal, so the answer tells nothing about the network behind it. */
    public static final String REFUSED = "webhookUrl must be an absolute https URL of a public host.";

    /** How a host name is resolved: the system's resolver, or another in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowInsecure;
    private final Resolver resolver;

    public WebhookHosts(boolean allowInsecure) {
        this(allowInsecure, InetAddress::getAllByName);
    }

    WebhookHosts(boolean allowInsecure, Resolver resolver) {
        this.allowInsecure = allowInsecure;
        this.resolver = resolver;
    }

    /** When saved: a host the resolver cannot answer for now is taken; it is checked again before each call. */
    public void checkWhenSaved(String url) {
        check(url, true);
    }

    /**
     * Before each call. @return the addresses checked, which the call must connect to (a second
     * resolution could answer otherwise: DNS rebinding)
     * @throws IllegalArgumentException with {@link #REFUSED}
     */
    public InetAddress[] checkBeforeCall(String url) {
        return check(url, false);
    }

    private InetAddress[] check(String url, boolean unresolvedTaken) {
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
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            if (unresolvedTaken) {
                return new InetAddress[0];
            }
            throw new IllegalArgumentException(REFUSED);
        }
        if (allowInsecure) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new IllegalArgumentException(REFUSED);
            }
        }
        return addresses;
    }

    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return isPublicIpv4(address, bytes);
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null) {
            // NAT64, 6to4, IPv4-compatible or -mapped: reaches the IPv4 address inside, judged as such.
            try {
                return isPublicIpv4(InetAddress.getByAddress(embedded), embedded);
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        // Unique-local fc00::/7 (isSiteLocalAddress covers fec0::/10 only); local-use NAT64
        // 64:ff9b:1::/48 and Teredo 2001::/32, whose IPv4 address no rule here can read.
        return !((bytes[0] & 0xfe) == 0xfc
                || prefix(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)
                || prefix(bytes, 0x20, 0x01, 0x00, 0x00));
    }

    /** Loopback, private, link-local, multicast, and the special ranges of RFC 6890 no webhook lives in. */
    private static boolean isPublicIpv4(InetAddress address, byte[] bytes) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return !(first == 0                                             // 0.0.0.0/8 "this network"
                || first == 100 && (second & 0xc0) == 64                // 100.64.0.0/10 carrier-grade NAT
                || first == 192 && second == 0 && bytes[2] == 0         // 192.0.0.0/24 protocol assignments
                || first == 198 && (second & 0xfe) == 18                // 198.18.0.0/15 benchmarking
                || first >= 240);                                       // 240.0.0.0/4 reserved, and broadcast
    }

    /** The IPv4 address an IPv6 one carries, for NAT64 64:ff9b::/96, 6to4 2002::/16, ::/96 and ::ffff:0:0/96; else null. */
    private static byte[] embeddedIpv4(byte[] bytes) {
        if (prefix(bytes, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)
                || prefix(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                || prefix(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)) {
            return java.util.Arrays.copyOfRange(bytes, 12, 16);
        }
        if (prefix(bytes, 0x20, 0x02)) {
            return java.util.Arrays.copyOfRange(bytes, 2, 6);
        }
        return null;
    }

    private static boolean prefix(byte[] bytes, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
