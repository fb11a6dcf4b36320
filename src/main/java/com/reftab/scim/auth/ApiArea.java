package com.reftab.scim.auth;

/**
 * Which credential opens a path: the SCIM API (an IdP's SCIM token), a tenant's admin API (its
 * admin token), the operator API (the operator token). Any other path under {@code /api} is no
 * endpoint at all; it still asks for a credential, so that a caller without one learns nothing
 * and sends nothing more.
 */
public enum ApiArea {
    SCIM, ADMIN, OPERATOR, UNKNOWN;

    /** @param path the request's path within the application, decoded and normalised (the servlet path) */
    public static ApiArea of(String path) {
        if (isUnder(path, "/scim")) {
            return SCIM;
        }
        if (isUnder(path, "/api/admin")) {
            return ADMIN;
        }
        if (isUnder(path, "/api/operator")) {
            return OPERATOR;
        }
        return UNKNOWN;
    }

    static ApiArea of(TokenKind kind) {
        return kind == TokenKind.SCIM ? SCIM : ADMIN;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
