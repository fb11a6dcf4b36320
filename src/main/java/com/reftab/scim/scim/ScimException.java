package com.reftab.scim.scim;

/** A request the service refuses, answered as a SCIM Error (RFC 7644 §3.12). */
public class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
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

    public String detail() {
        return getMessage();
    }
}
