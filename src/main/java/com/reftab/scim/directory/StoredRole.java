package com.reftab.scim.directory;

/**
 * An access role as {@code /Roles} shows it: its name is its id and its displayName; the version
 * moves with each change an admin makes to it.
 */
public record StoredRole(String tenantId, String name, String description, boolean canLogin, long version)
        implements StoredResource {

    @Override
    public String id() {
        return name;
    }
}
