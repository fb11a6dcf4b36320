package com.reftab.scim.auth;

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
}
