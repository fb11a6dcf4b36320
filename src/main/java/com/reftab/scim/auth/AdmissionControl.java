package com.reftab.scim.auth;

import java.util.List;
import java.util.Optional;

import com.reftab.scim.protocol.ScimException;

/**
 * Decides from a request's path and its {@code Authorization} header alone, before a byte of its
 * body is read, whether it may go on: the credential the path asks for, then the tenant's rate for
 * that API, then a place within the tenant's in-flight bound and one within the instance's (the
 * request threads run the routes, so this bounds them for all tenants together, leaving threads for
 * the console, the probes and the refusals themselves). Everything it refuses is answered at
 * once by the caller, so a client without a valid token, or a tenant over its bounds, never holds
 * a request thread while a body trickles in.
 * The operator has no tenant and no rate, but an in-flight bound of its own. A path under
 * {@code /api} that is no endpoint asks for any valid credential: without one it is a 401 like
 * anywhere else (the path tells a stranger nothing), with one a 404, charged to that token's rate.
 */
public class AdmissionControl {

    /** What was decided about one request. */
    public sealed interface Decision permits Admitted, Refused {
    }

    /** The request goes on; its permit is released once it is answered. */
    public record Admitted(Admission admission, TenantBulkhead.Permit permit) implements Decision {
    }

    /** The request is answered at once with the reason; the tenant is known when it is over its bounds. */
    public record Refused(String tenantId, RuntimeException reason) implements Decision {
    }

    /** The operator's place in the in-flight bound: a slash is never part of a tenant id. */
    private static final String OPERATOR = "/operator";

    /** The one place in {@link #instance} every tenant's requests share. */
    private static final String ALL_TENANTS = "/instance";

    private final BearerAuthenticator scim;
    private final BearerAuthenticator admin;
    private final OperatorToken operatorToken;
    private final TenantBulkhead bulkhead;
    private final TenantBulkhead instance;

    /** Without a bound on the whole instance: each tenant's alone. */
    public AdmissionControl(BearerAuthenticator scim, BearerAuthenticator admin, OperatorToken operatorToken,
                            TenantBulkhead bulkhead) {
        this(scim, admin, operatorToken, bulkhead, new TenantBulkhead(0));
    }

    /**
     * @param instance the bound on all tenants' requests in progress together on this instance; the
     *                 operator's are outside it, so the operator is served however busy the tenants keep it
     */
    public AdmissionControl(BearerAuthenticator scim, BearerAuthenticator admin, OperatorToken operatorToken,
                            TenantBulkhead bulkhead, TenantBulkhead instance) {
        this.scim = scim;
        this.admin = admin;
        this.operatorToken = operatorToken;
        this.bulkhead = bulkhead;
        this.instance = instance;
    }

    public Decision decide(ApiArea area, String authorization) {
        return decide(area, authorization, null);
    }

    /** @param baseUrl the address the request reached, which an OAuth access token must be issued for */
    public Decision decide(ApiArea area, String authorization, String baseUrl) {
        try {
            return switch (area) {
                case SCIM -> tenantCall(scim, authorization, baseUrl);
                case ADMIN -> tenantCall(admin, authorization, baseUrl);
                case OPERATOR -> operatorCall(authorization);
                case UNKNOWN -> noSuchEndpoint(authorization, baseUrl);
            };
        } catch (RuntimeException unavailable) {
            // The token could not be looked up (the database is away, say): answered like any failure.
            return new Refused(null, unavailable);
        }
    }

    private Decision tenantCall(BearerAuthenticator authenticator, String authorization, String baseUrl) {
        String tenantId;
        try {
            tenantId = authenticator.authenticate(authorization, baseUrl);
        } catch (ScimException unauthorized) {
            return new Refused(null, unauthorized);
        }
        try {
            authenticator.admitWithinRate(tenantId);
        } catch (ScimException overRate) {
            return new Refused(tenantId, overRate);
        }
        Optional<TenantBulkhead.Permit> tenantPlace = bulkhead.tryEnter(tenantId);
        if (tenantPlace.isEmpty()) {
            return new Refused(tenantId, ScimException.tooManyRequests(1, "This tenant already has "
                    + bulkhead.maxInFlight() + " requests in progress (reftab.scim.in-flight-per-tenant); retry after 1 s."));
        }
        Optional<TenantBulkhead.Permit> instancePlace = instance.tryEnter(ALL_TENANTS);
        if (instancePlace.isEmpty()) {
            tenantPlace.get().release();
            return new Refused(tenantId, ScimException.unavailable(1, "This instance already has "
                    + instance.maxInFlight() + " API requests in progress (reftab.scim.in-flight-per-instance); retry after 1 s."));
        }
        return new Admitted(new Admission(ApiArea.of(authenticator.kind()), tenantId), tenantPlace.get().with(instancePlace.get()));
    }

    private Decision operatorCall(String authorization) {
        if (!operatorToken.isIn(authorization)) {
            return new Refused(null, ScimException.unauthorized(OperatorToken.REQUIRED));
        }
        return bulkhead.tryEnter(OPERATOR)
                .<Decision>map(permit -> new Admitted(new Admission(ApiArea.OPERATOR, null), permit))
                .orElseGet(() -> new Refused(null, ScimException.tooManyRequests(1, "The operator already has "
                        + bulkhead.maxInFlight() + " requests in progress (reftab.scim.in-flight-per-tenant); retry after 1 s.")));
    }

    private Decision noSuchEndpoint(String authorization, String baseUrl) {
        ScimException notFound = ScimException.notFound("No such endpoint.");
        if (operatorToken.isIn(authorization)) {
            return new Refused(null, notFound);
        }
        ScimException unauthorized = null;
        for (BearerAuthenticator authenticator : List.of(scim, admin)) {
            String tenantId;
            try {
                tenantId = authenticator.authenticate(authorization, baseUrl);
            } catch (ScimException e) {
                unauthorized = e;
                continue;
            }
            try {
                authenticator.admitWithinRate(tenantId);
            } catch (ScimException overRate) {
                return new Refused(tenantId, overRate);
            }
            return new Refused(tenantId, notFound);
        }
        return new Refused(null, unauthorized);
    }
}
