package com.reftab.scim.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two ways a SCIM route reads its request: with a body (read once and bounded), or without one. */
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
}
