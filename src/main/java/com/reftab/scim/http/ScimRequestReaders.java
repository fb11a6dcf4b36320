package com.reftab.scim.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ways an API route reads its request: a SCIM call or an admin/operator call, each with a body
 * (read once and bounded) or without one.
 */
@Configuration
class ScimRequestReaders {

    @Bean
    ScimRequestReader scimRequest() {
        return new ScimRequestReader(null);
    }

    @Bean
    ScimRequestReader scimRequestWithBody(RequestGuard guard) {
        return new ScimRequestReader(guard);
    }

    @Bean
    ApiRequestReader apiRequest() {
        return new ApiRequestReader(null);
    }

    @Bean
    ApiRequestReader apiRequestWithBody(RequestGuard guard) {
        return new ApiRequestReader(guard);
    }
}
