package com.reftab.scim.oauth;

import com.reftab.scim.protocol.ScimException;

/**
 * An access token from a token endpoint that does not open the SCIM API: 401, with the reason in
 * the challenge as RFC 6750 §3 says ({@code error="invalid_token"}).
 */
public class InvalidAccessToken extends ScimException {

    public InvalidAccessToken(String description) {
        super(401, null, "The access token is not valid: " + description);
    }

    /** The {@code WWW-Authenticate} value of the answer. */
    public String challenge() {
        String description = detail().replace("\\", "").replace("\"", "'");
        return "Bearer realm=\"reftab-scim\", error=\"invalid_token\", error_description=\"" + description + "\"";
    }
}
