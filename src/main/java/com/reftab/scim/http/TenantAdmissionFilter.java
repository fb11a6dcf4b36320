package com.reftab.scim.http;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.auth.AdmittedTenant;
import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.auth.TenantBulkhead;
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
 * here rather than in the route means a wrong token costs no body read, and a tenant's slow
 * uploads count against its own bound instead of tying up request threads everyone shares.
 * Keying the bound by tenant, not by a hash of the header, keeps a tenant with two live tokens
 * (during a rotation) to one bound, and leaves unknown tokens nothing to hold.
 */
class TenantAdmissionFilter extends OncePerRequestFilter {

    private final BearerAuthenticator authenticator;
    private final TenantBulkhead bulkhead;
    private final ServletReplyWriter replies;

    TenantAdmissionFilter(BearerAuthenticator authenticator, TenantBulkhead bulkhead, ObjectMapper mapper) {
        this.authenticator = authenticator;
        this.bulkhead = bulkhead;
        this.replies = new ServletReplyWriter(mapper);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AdmittedTenant tenant;
        try {
            tenant = authenticator.admit(request.getHeader("Authorization"));
        } catch (RuntimeException refused) {
            replies.send(response, ErrorReplyWriter.replyFor(refused));
            return;
        }
        Optional<TenantBulkhead.Permit> permit = bulkhead.tryEnter(tenant.tenantId());
        if (permit.isEmpty()) {
            replies.send(response, ErrorReplyWriter.errorReply(429, null,
                    "Too many requests of this tenant are in progress; retry when one has been answered.")
                    .withHeader("Retry-After", "1"));
            return;
        }
        tenant.attachTo(request);
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
