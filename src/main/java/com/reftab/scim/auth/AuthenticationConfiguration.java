package com.reftab.scim.auth;

import java.time.InstantSource;

import com.reftab.scim.oauth.AccessTokenVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration {

    @Bean
    BearerAuthenticator scimAuthenticator(ApiTokens tokens, AccessSettings settings,
                                          TenantRateLimit rateLimit, AccessTokenVerifier accessTokens) {
        return new BearerAuthenticator(tokens, TokenKind.SCIM, settings.publicUrl(), rateLimit, accessTokens);
    }

    @Bean
    BearerAuthenticator adminAuthenticator(ApiTokens tokens, AccessSettings settings,
                                           TenantRateLimit rateLimit) {
        return new BearerAuthenticator(tokens, TokenKind.ADMIN, settings.publicUrl(), rateLimit);
    }

    /**
     * The time tokens are made, used and expire by; a test moves it past a rotation's overlap.
     * Injected only by its name, so no other bean takes it by its type.
     */
    @Bean(defaultCandidate = false)
    InstantSource tokenClock() {
        return InstantSource.system();
    }
}
