package com.reftab.scim.auth;

import java.util.Optional;

import jakarta.servlet.ServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * A request the web filter admitted before its body was read: the area its credential opened and
 * the tenant it belongs to (none for the operator). Kept as a request attribute, which a client
 * cannot set; the route's authenticator takes the tenant from here instead of looking the token up
 * again. Refusals never get this far: the filter answers them itself.
 */
public record Admission(ApiArea area, String tenantId) {

    private static final String ATTRIBUTE = Admission.class.getName();

    public void attachTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public static Optional<Admission> of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Admission admission ? Optional.of(admission) : Optional.empty();
    }

    /** @return the admitted tenant of a request that came over HTTP into the given area */
    static Optional<String> tenantOf(Exchange exchange, ApiArea area) {
        if (!(exchange.getMessage() instanceof PlatformHttpMessage message) || message.getRequest() == null) {
            return Optional.empty();
        }
        return of(message.getRequest()).filter(admitted -> admitted.area() == area).map(Admission::tenantId);
    }
}
