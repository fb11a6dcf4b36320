package com.reftab.scim.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration {

    @Bean
    BearerAuthenticator scimAuthenticator(ApiTokens tokens, @Value("${reftab.public-url:}") String publicUrl) {
        return new BearerAuthenticator(tokens, TokenKind.SCIM, publicUrl);
    }

    @Bean
    BearerAuthenticator adminAuthenticator(ApiTokens tokens, @Value("${reftab.public-url:}") String publicUrl) {
        return new BearerAuthenticator(tokens, TokenKind.ADMIN, publicUrl);
    }
}
