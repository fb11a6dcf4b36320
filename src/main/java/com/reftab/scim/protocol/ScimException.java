package com.reftab.scim.protocol;

/** A request the service refuses, answered as a SCIM Error (RFC 7644 §3.12). */
public class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;
    private final Long retryAfterSeconds;

    public ScimException(int status, String scimType, String detail) {
        this(status, scimType, detail, null);
    }

    private ScimException(int status, String scimType, String detail, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ScimException tooManyRequests(long retryAfterSeconds) {
        return tooManyRequests(retryAfterSeconds, "Too many requests for this tenant; retry after " + retryAfterSeconds + " s.");
    }

    /** @param detail names the bound the tenant is over and its value */
    public static ScimException tooManyRequests(long retryAfterSeconds, String detail) {
        return new ScimException(429, null, detail, retryAfterSeconds);
    }

    /** A temporary refusal before any work (503): @param detail names the bound and its value */
    public static ScimException unavailable(long retryAfterSeconds, String detail) {
        return new ScimException(503, null, detail, retryAfterSeconds);
    }

    public static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    public static ScimException invalidValue(String detail) {
        return badRequest("invalidValue", detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return badRequest("invalidSyntax", detail);
    }

    public static ScimException invalidFilter(String detail) {
        return badRequest("invalidFilter", detail);
    }

    /** An attribute the request may not change (RFC 7644 §3.5.2: a read-only or immutable target). */
    public static ScimException mutability(String detail) {
        return badRequest("mutability", detail);
    }

    /**
     * A write to a resource clients may only read (RFC 9110 §15.5.6): answered 405 with
     * {@code Allow: GET}, as the read-only discovery endpoints are.
     */
    public static ScimException methodNotAllowed(String detail) {
        return new ScimException(405, null, detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, "uniqueness", detail);
    }

    public static ScimException unauthorized(String detail) {
        return new ScimException(401, null, detail);
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    /** Seconds the client should wait before retrying, when the refusal is temporary. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String detail() {
        return getMessage();
    }
}
