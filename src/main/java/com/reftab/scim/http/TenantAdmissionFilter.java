package com.reftab.scim.http;

import java.io.IOException;
import java.util.Optional;

import com.reftab.scim.auth.Admission;
import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.auth.TenantBulkhead;
import com.reftab.scim.scim.ScimException;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a tenant-scoped API request before its body is read: the bearer token is resolved to its
 * tenant (hashed lookup, constant-time compare, as in the routes), the tenant's rate is checked,
 * and the request takes one of the tenant's in-flight places until it is answered. Doing this
 * here rather than in the route means a refused request's body is never read, and a tenant's
 * slow uploads count against its own bound instead of tying up request threads everyone shares.
 * A refusal is handed to the route (as an {@link Admission}), which answers and logs it like
 * any other error.
 * Keying the bound by tenant, not by a hash of the header, keeps a tenant with two live tokens
 * (during a rotation) to one bound, and leaves unknown tokens nothing to hold.
 */
class TenantAdmissionFilter extends OncePerRequestFilter {

    private final BearerAuthenticator authenticator;
    private final TenantBulkhead bulkhead;

    TenantAdmissionFilter(BearerAuthenticator authenticator, TenantBulkhead bulkhead) {
        this.authenticator = authenticator;
        this.bulkhead = bulkhead;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tenantId;
        try {
            tenantId = authenticator.admit(request.getHeader("Authorization"));
        } catch (RuntimeException refused) {
            Admission.refused(authenticator.kind(), refused).attachTo(request);
            chain.doFilter(request, response);
            return;
        }
        Optional<TenantBulkhead.Permit> permit = bulkhead.tryEnter(tenantId);
        if (permit.isEmpty()) {
            Admission.refused(authenticator.kind(), ScimException.tooManyRequests(1)).attachTo(request);
            chain.doFilter(request, response);
            return;
        }
        Admission.admitted(authenticator.kind(), tenantId).attachTo(request);
        try {
            chain.doFilter(request, response);
        } finally {
            releaseWhenAnswered(request, permit.get());
        }
    }

    /** The routes answer on another thread: the request is only done when its async processing completes. */
    private static void releaseWhenAnswered(HttpServletRequest request, TenantBulkhead.Permit permit) {
        if (!request.isAsyncStarted()) {
            permit.release();
            return;
        }
        request.getAsyncContext().addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                permit.release();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                permit.release();
            }

            @Override
            public void onError(AsyncEvent event) {
                permit.release();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                event.getAsyncContext().addListener(this);
            }
        });
    }
}
