package com.reftab.scim.directory;

/** What every stored SCIM resource has: its tenant, its id and the version its entity tag names. */
public interface StoredResource {

    String tenantId();

    String id();

    long version();
}
