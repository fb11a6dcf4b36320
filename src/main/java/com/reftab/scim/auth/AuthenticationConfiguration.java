package com.reftab.scim.auth;

import java.time.InstantSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration {

    @Bean
    BearerAuthenticator scimAuthenticator(ApiTokens tokens, @Value("${reftab.public-url:}") String publicUrl,
                                          TenantRateLimit rateLimit) {
        return new BearerAuthenticator(tokens, TokenKind.SCIM, publicUrl, rateLimit);
    }

    @Bean
    BearerAuthenticator adminAuthenticator(ApiTokens tokens, @Value("${reftab.public-url:}") String publicUrl,
                                           TenantRateLimit rateLimit) {
        return new BearerAuthenticator(tokens, TokenKind.ADMIN, publicUrl, rateLimit);
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
