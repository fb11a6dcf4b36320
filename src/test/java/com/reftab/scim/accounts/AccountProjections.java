package com.reftab.scim.accounts;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The service's account projection outside Spring. */
public final class AccountProjections {

    private AccountProjections() {
    }

    public static AccountProjection create() {
        return new AccountProjection(new ObjectMapper(),
                new ProjectionDelay(new SimpleMeterRegistry(), new PipelineSettings(Duration.ofSeconds(60))));
    }
}
