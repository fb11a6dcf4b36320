package com.reftab.scim.auth;

import java.util.Optional;

import jakarta.servlet.ServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * The tenant a request's bearer token was resolved to by the web filter, before its body was
 * read; kept as a request attribute (which a client cannot set) so the route does not look the
 * token up a second time.
 */
public record AdmittedTenant(TokenKind kind, String tenantId) {

    static final String ATTRIBUTE = AdmittedTenant.class.getName();

    public void attachTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    static Optional<String> tenantOf(Exchange exchange, TokenKind kind) {
        if (exchange.getMessage() instanceof PlatformHttpMessage message && message.getRequest() != null
                && message.getRequest().getAttribute(ATTRIBUTE) instanceof AdmittedTenant admitted
                && admitted.kind() == kind) {
            return Optional.of(admitted.tenantId());
        }
        return Optional.empty();
    }
}
