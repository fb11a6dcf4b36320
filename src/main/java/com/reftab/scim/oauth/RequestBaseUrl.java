package com.reftab.scim.oauth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request reached, as the SCIM API's {@code meta.location} takes it: the configured
 * public URL, else the client's host (honouring a proxy's forwarded headers). Access tokens are
 * issued for and checked against it, so both ends agree.
 */
public final class RequestBaseUrl {

    private RequestBaseUrl() {
    }

    public static String of(HttpServletRequest request, String publicUrl) {
        return of(publicUrl, request.getHeader("X-Forwarded-Proto"), request.getHeader("X-Forwarded-Host"), request.getHeader("Host"));
    }

    public static String of(String publicUrl, String forwardedProto, String forwardedHost, String host) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
        String proto = forwardedProto == null ? "http" : forwardedProto;
        String reached = forwardedHost != null ? forwardedHost : host == null ? "localhost" : host;
        return proto + "://" + reached;
    }
}
