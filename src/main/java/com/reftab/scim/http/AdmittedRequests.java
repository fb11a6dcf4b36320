package com.reftab.scim.http;

import java.util.Optional;

import com.reftab.scim.auth.Admission;
import jakarta.servlet.ServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * Where the web filter leaves its admission of a request (a request attribute, which a client
 * cannot set), and the first step of every API route: handing that admission to the route's
 * authenticator as an exchange property, so the token is not looked up again. The servlet stays
 * in the web layer; the authenticator sees only the {@link Admission}.
 */
@Component("admittedRequest")
class AdmittedRequests implements Processor {

    private static final String ATTRIBUTE = Admission.class.getName();

    static void attach(ServletRequest request, Admission admission) {
        request.setAttribute(ATTRIBUTE, admission);
    }

    static Optional<Admission> of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Admission admission ? Optional.of(admission) : Optional.empty();
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.getMessage() instanceof PlatformHttpMessage message && message.getRequest() != null) {
            of(message.getRequest()).ifPresent(admission -> exchange.setProperty(Admission.PROPERTY, admission));
        }
    }
}
