package com.reftab.scim.roles;

/** A Reftab access role of a tenant; when a user's groups grant several, the highest precedence wins. */
public record AccessRole(String name, int precedence, boolean canLogin) {
}
