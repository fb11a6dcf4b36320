package com.reftab.scim.auth;

/** What a bearer token opens: the SCIM API an IdP calls, or the tenant's admin API. */
public enum TokenKind {
    SCIM, ADMIN;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
