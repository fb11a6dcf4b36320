package com.reftab.scim.auth;

import java.util.Optional;

import jakarta.servlet.ServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * What the web filter decided about a request's bearer token before its body was read: the tenant
 * it admitted, or why it refused (a wrong token, the tenant's rate or in-flight bound, the
 * database away). Kept as a request attribute, which a client cannot set; the route's
 * authenticator takes it from there instead of looking the token up again, and answers and logs a
 * refusal like any other.
 */
public record Admission(TokenKind kind, String tenantId, RuntimeException refusal) {

    private static final String ATTRIBUTE = Admission.class.getName();

    public static Admission admitted(TokenKind kind, String tenantId) {
        return new Admission(kind, tenantId, null);
    }

    public static Admission refused(TokenKind kind, RuntimeException refusal) {
        return new Admission(kind, null, refusal);
    }

    public boolean isRefused() {
        return refusal != null;
    }

    public void attachTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public static Optional<Admission> of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Admission admission ? Optional.of(admission) : Optional.empty();
    }

    /** @return the admitted tenant of a request that came over HTTP, or the filter's refusal thrown */
    static Optional<String> tenantOf(Exchange exchange, TokenKind kind) {
        if (!(exchange.getMessage() instanceof PlatformHttpMessage message) || message.getRequest() == null) {
            return Optional.empty();
        }
        Optional<Admission> admission = of(message.getRequest()).filter(decided -> decided.kind() == kind);
        admission.filter(Admission::isRefused).ifPresent(refused -> {
            throw refused.refusal();
        });
        return admission.map(Admission::tenantId);
    }
}
