package com.reftab.scim.protocol;

/** Who is calling (the tenant the token selected) and the base URL resources are located under. */
public record ScimCall(String tenantId, String baseUrl) {
}
