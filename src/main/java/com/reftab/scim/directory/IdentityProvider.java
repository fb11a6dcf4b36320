package com.reftab.scim.directory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The identity provider that provisions a tenant; where Okta and Entra ID differ, it decides. */
public enum IdentityProvider {
    OKTA, ENTRA;

    /** The name in the admin API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IdentityProvider> of(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }
}
