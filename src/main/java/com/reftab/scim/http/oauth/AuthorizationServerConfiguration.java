package com.reftab.scim.http.oauth;

import com.reftab.scim.oauth.TenantIssuers;
import com.reftab.scim.oauth.TenantClientRepository;
import com.reftab.scim.oauth.SigningKeys;
import com.reftab.scim.oauth.RequestBaseUrl;
import com.reftab.scim.oauth.OAuthSettings;
import com.reftab.scim.oauth.OAuthClients;
import com.reftab.scim.oauth.NoStoredAuthorizations;
import com.reftab.scim.oauth.FederatedAssertions;
import com.reftab.scim.oauth.ClientAuthentication;
import com.reftab.scim.oauth.AccessTokenVerifier;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A per-tenant OAuth 2.0 authorization server on Spring Authorization Server: issuer
 * {@code {base}/oauth2/tenants/{tenant}}, its token endpoint ({@code /oauth2/token}, the client
 * credentials grant only) and its JWKS ({@code /oauth2/jwks}). Spring Security runs on
 * {@code /oauth2/*} only, so every other path is served exactly as without it.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /** Just ahead of Spring Security's filter (-100), behind the request context filter (-105). */
    private static final int GUARD_ORDER = -101;

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, TenantClientRepository repository,
                                                      OAuthClients clients, FederatedAssertions assertions) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        ClientAuthentication clientAuthentication = new ClientAuthentication(repository, clients, assertions);
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, configurer -> configurer
                        .clientAuthentication(client -> client.authenticationProviders(providers -> {
                            providers.clear();
                            providers.add(clientAuthentication);
                        }))
                        .tokenEndpoint(token -> token
                                .accessTokenResponseHandler(AuthorizationServerConfiguration::writeAccessToken)
                                .accessTokenRequestConverters(converters ->
                                        converters.removeIf(c -> !(c instanceof OAuth2ClientCredentialsAuthenticationConverter)))
                                .authenticationProviders(providers ->
                                        providers.removeIf(p -> !(p instanceof OAuth2ClientCredentialsAuthenticationProvider)))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** Spring Security's filter on the authorization server's paths only: the SCIM and admin APIs keep their own. */
    @Bean
    static BeanPostProcessor securityFilterOnOAuthPathsOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(beanName)) {
                    registration.setUrlPatterns(List.of("/oauth2/*"));
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<TokenEndpointGuard> tokenEndpointGuard(OAuthSettings settings) {
        FilterRegistrationBean<TokenEndpointGuard> registration = new FilterRegistrationBean<>(new TokenEndpointGuard(settings));
        registration.addUrlPatterns("/oauth2/*");
        registration.setOrder(GUARD_ORDER);
        return registration;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
    }

    @Bean
    TenantClientRepository tenantClientRepository(OAuthClients clients, OAuthSettings settings) {
        return new TenantClientRepository(clients, settings);
    }

    @Bean
    OAuth2AuthorizationService noStoredAuthorizations() {
        return new NoStoredAuthorizations();
    }

    /**
     * An access token's claims: issued by the tenant's issuer at the address the client reached,
     * for the SCIM API there ({@code aud}), the client as subject, the tenant as {@code tid},
     * signed by the installation's current key, living {@code reftab.oauth.access-token-lifetime}
     * by the service's clock.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(SigningKeys keys, OAuthSettings settings,
                                                                @Value("${reftab.public-url:}") String publicUrl,
                                                                @Qualifier("tokenClock") InstantSource clock) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            String tenant = TenantIssuers.tenantOf(context.getAuthorizationServerContext().getIssuer()).orElseThrow();
            HttpServletRequest request = currentRequest();
            String base = RequestBaseUrl.of(publicUrl, request.getHeader("X-Forwarded-Proto"),
                    request.getHeader("X-Forwarded-Host"), request.getHeader("Host"));
            RSAKey key = keys.signingKey();
            Instant now = clock.instant();
            context.getJwsHeader().algorithm(SignatureAlgorithm.RS256).keyId(key.getKeyID());
            context.getClaims()
                    .issuer(AccessTokenVerifier.issuer(base, tenant))
                    .audience(List.of(AccessTokenVerifier.audience(base)))
                    .subject(context.getRegisteredClient().getClientId())
                    .claim(AccessTokenVerifier.TENANT_CLAIM, tenant)
                    .issuedAt(now)
                    .notBefore(now)
                    .expiresAt(now.plus(settings.accessTokenLifetime()));
        };
    }

    /**
     * RFC 6749 §5.1, with {@code expires_in} the token's own lifetime: Spring's writer counts it from
     * the moment it writes, a second short (3599 for an hour, under the 60 minutes Entra requires).
     */
    private static void writeAccessToken(HttpServletRequest request, HttpServletResponse response,
                                         Authentication authentication) throws IOException {
        OAuth2AccessToken token = ((OAuth2AccessTokenAuthenticationToken) authentication).getAccessToken();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("access_token", token.getTokenValue());
        body.put("token_type", token.getTokenType().getValue());
        body.put("expires_in", Duration.between(token.getIssuedAt(), token.getExpiresAt()).toSeconds());
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.getWriter().write(body.toString());
    }

    private static HttpServletRequest currentRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
