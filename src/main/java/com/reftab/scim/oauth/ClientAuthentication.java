package com.reftab.scim.oauth;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * Authenticates a token request's client, in place of Spring Authorization Server's own providers:
 * by one of the client's live secrets (HTTP Basic or form; a client has several during a
 * rotation, each held as a hash and compared in constant time), or by an RFC 7523 assertion
 * checked against the client's federated credential ({@link FederatedAssertions}). The client
 * must belong to the tenant whose issuer was called. Every failure is {@code invalid_client}.
 */
public class ClientAuthentication implements AuthenticationProvider {

    private final TenantClientRepository repository;
    private final OAuthClients clients;
    private final FederatedAssertions assertions;

    public ClientAuthentication(TenantClientRepository repository, OAuthClients clients, FederatedAssertions assertions) {
        this.repository = repository;
        this.clients = clients;
        this.assertions = assertions;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
        ClientAuthenticationMethod method = request.getClientAuthenticationMethod();
        Optional<OAuthClients.Client> found = repository.find(String.valueOf(request.getPrincipal()));
        if (found.isEmpty()) {
            throw invalidClient("Client authentication failed.");
        }
        OAuthClients.Client client = found.get();
        Object credentials = request.getCredentials();
        if (ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method) || ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
            if (!(credentials instanceof String secret) || !clients.secretMatches(client.clientId(), secret)) {
                throw invalidClient("Client authentication failed.");
            }
        } else if (TenantClientRepository.JWT_ASSERTION.equals(method)) {
            if (client.federatedCredential() == null) {
                throw invalidClient("This client has no federated credential; authenticate with a client secret.");
            }
            try {
                assertions.verify(String.valueOf(credentials), client.federatedCredential());
            } catch (FederatedAssertions.RefusedAssertion refused) {
                throw invalidClient(refused.getMessage());
            }
        } else {
            throw invalidClient("Authenticate with a client secret (client_secret_basic or client_secret_post) or a"
                    + " jwt-bearer client assertion.");
        }
        return new OAuth2ClientAuthenticationToken(repository.registered(client), method, null);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static OAuth2AuthenticationException invalidClient(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
    }
}
