package com.reftab.scim.http;

import java.io.IOException;

import com.reftab.scim.auth.AdmissionControl;
import com.reftab.scim.auth.AdmissionControl.Admitted;
import com.reftab.scim.auth.AdmissionControl.Decision;
import com.reftab.scim.auth.AdmissionControl.Refused;
import com.reftab.scim.auth.ApiArea;
import com.reftab.scim.auth.TenantBulkhead;
import com.reftab.scim.oauth.RequestBaseUrl;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits every request under {@code /scim} and {@code /api} before its body is read
 * ({@link AdmissionControl}: credential, rate, in-flight bound), and answers every refusal here,
 * on the request thread: a SCIM error that closes the connection without reading the body. A
 * refusal handed on to a route would be answered after the web server had read (drained) whatever
 * body the client still sends, for as long as it keeps sending.
 * An admitted request holds one of its tenant's in-flight places, and one of the instance's,
 * until it is answered, so a tenant's slow uploads count against its own bound instead of tying
 * up threads everyone shares.
 */
class ApiAdmissionFilter extends OncePerRequestFilter {

    private final AdmissionControl control;
    private final ServletReplyWriter replies;
    private final String publicUrl;

    ApiAdmissionFilter(AdmissionControl control, ServletReplyWriter replies) {
        this(control, replies, null);
    }

    /** @param publicUrl the configured public URL an OAuth access token must be issued for; empty: the request's host */
    ApiAdmissionFilter(AdmissionControl control, ServletReplyWriter replies, String publicUrl) {
        this.control = control;
        this.replies = replies;
        this.publicUrl = publicUrl;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestLog.started(request);
        Decision decision = control.decide(ApiArea.of(RequestLog.pathOf(request)), request.getHeader("Authorization"),
                RequestBaseUrl.of(publicUrl, request.getHeader("X-Forwarded-Proto"),
                        request.getHeader("X-Forwarded-Host"), request.getHeader("Host")));
        if (decision instanceof Refused refused) {
            replies.refuse(request, response, ErrorReplyWriter.replyFor(refused.reason()), refused.tenantId());
            return;
        }
        Admitted admitted = (Admitted) decision;
        AdmittedRequests.attach(request, admitted.admission());
        try {
            chain.doFilter(request, response);
        } finally {
            releaseWhenAnswered(request, admitted.permit());
        }
    }

    /**
     * The routes answer on the request thread (http.RequestThreadHttpEngine), so the request is done
     * when the chain returns; were a handler to start async processing, only when that completes.
     */
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
