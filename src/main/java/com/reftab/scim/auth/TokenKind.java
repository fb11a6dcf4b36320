package com.reftab.scim.auth;

/** What a bearer token opens: the SCIM API an IdP calls, or the tenant's admin API. */
public enum TokenKind {
    SCIM("SCIM", false),
    /** The tenant's only way into its admin API (and so to new tokens): one lasting token always stays. */
    ADMIN("admin", true);

    private final String label;
    private final boolean keepsOneLasting;

    TokenKind(String label, boolean keepsOneLasting) {
        this.label = label;
        this.keepsOneLasting = keepsOneLasting;
    }

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** As people read it in messages: "a SCIM token", "an admin token". */
    public String label() {
        return label;
    }

    /** Whether revoking may never leave the tenant without a live token of this kind that does not expire. */
    public boolean keepsOneLasting() {
        return keepsOneLasting;
    }
}
