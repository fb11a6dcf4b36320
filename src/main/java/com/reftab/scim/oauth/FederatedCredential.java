package com.reftab.scim.oauth;

import java.net.URI;
import java.net.URISyntaxException;

import com.reftab.scim.protocol.ScimException;

/**
 * What an RFC 7523 client assertion must say to stand for a client: who issued it (for Entra
 * {@code https://login.microsoftonline.com/<tenant>/v2.0}), its subject and audience as the admin
 * configured them in Entra's federated credential, and where the issuer publishes its keys.
 */
public record FederatedCredential(String issuer, String subject, String audience, String jwksUri) {

    private static final int MAX_LENGTH = 512;

    /** @throws ScimException 400 invalidValue naming the value that is missing, too long or not a URL */
    public FederatedCredential {
        issuer = required("issuer", issuer, MAX_LENGTH);
        subject = required("subject", subject, MAX_LENGTH);
        audience = required("audience", audience, MAX_LENGTH);
        jwksUri = required("jwksUri", jwksUri, 1024);
        try {
            URI uri = new URI(jwksUri);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw ScimException.invalidValue("federatedCredential.jwksUri must be an absolute https URL.");
            }
        } catch (URISyntaxException e) {
            throw ScimException.invalidValue("federatedCredential.jwksUri must be an absolute https URL.");
        }
    }

    private static String required(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ScimException.invalidValue("federatedCredential." + name + " is required.");
        }
        if (value.length() > maxLength) {
            throw ScimException.invalidValue("federatedCredential." + name + " is longer than " + maxLength + " characters.");
        }
        return value.trim();
    }
}
