package com.reftab.scim.oauth;

import java.util.Optional;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients of the tenant whose issuer the request came to, as Spring Authorization Server sees
 * them: client credentials only, authenticated by a secret (Basic or form) or an RFC 7523
 * assertion, access tokens as signed JWTs living {@code reftab.oauth.access-token-lifetime}. A
 * client of another tenant is not found. Clients are made through the admin API, never here.
 */
public class TenantClientRepository implements RegisteredClientRepository {

    static final ClientAuthenticationMethod JWT_ASSERTION =
            new ClientAuthenticationMethod("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

    private final OAuthClients clients;
    private final OAuthSettings settings;

    public TenantClientRepository(OAuthClients clients, OAuthSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Clients are made through the admin API.");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return find(clientId).map(this::registered).orElse(null);
    }

    /** The client of the current issuer's tenant. */
    Optional<OAuthClients.Client> find(String clientId) {
        return currentTenant().flatMap(tenant -> clients.findForAuthentication(tenant, clientId));
    }

    static Optional<String> currentTenant() {
        var context = AuthorizationServerContextHolder.getContext();
        return context == null ? Optional.empty() : TenantIssuers.tenantOf(context.getIssuer());
    }

    RegisteredClient registered(OAuthClients.Client client) {
        return RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                .clientName(client.name())
                .clientIdIssuedAt(client.createdAt())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .clientAuthenticationMethod(JWT_ASSERTION)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(settings.accessTokenLifetime())
                        .build())
                .build();
    }
}
