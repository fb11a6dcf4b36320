package com.reftab.scim.roles;

/**
 * A Reftab access role of a tenant; when a user's groups grant several, the highest precedence wins.
 *
 * @param offered     whether the role is offered to the tenant's identity provider: listed at {@code /Roles}
 *                    and assignable to a user from there (every role is, until an admin withdraws it)
 * @param description what the identity provider shows beside the role's name; null when there is none
 */
public record AccessRole(String name, int precedence, boolean canLogin, boolean offered, String description) {

    /** A role offered to the identity provider, as every role is unless an admin withdraws it. */
    public AccessRole(String name, int precedence, boolean canLogin) {
        this(name, precedence, canLogin, true);
    }

    public AccessRole(String name, int precedence, boolean canLogin, boolean offered) {
        this(name, precedence, canLogin, offered, null);
    }
}
