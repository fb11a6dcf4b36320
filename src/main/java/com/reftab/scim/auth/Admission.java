package com.reftab.scim.auth;

import java.util.Optional;

import org.apache.camel.Exchange;

/**
 * A request the web filter admitted before its body was read: the area its credential opened and
 * the tenant it belongs to (none for the operator). The web layer hands it to the route as the
 * exchange property {@value #PROPERTY}; the route's authenticator takes the tenant from there
 * instead of looking the token up again. Refusals never get this far: the filter answers them itself.
 */
public record Admission(ApiArea area, String tenantId) {

    public static final String PROPERTY = "reftabAdmission";

    /** @return the admitted tenant of a call that came over HTTP into the given area */
    static Optional<String> tenantOf(Exchange exchange, ApiArea area) {
        return Optional.ofNullable(exchange.getProperty(PROPERTY, Admission.class))
                .filter(admitted -> admitted.area() == area).map(Admission::tenantId);
    }
}
