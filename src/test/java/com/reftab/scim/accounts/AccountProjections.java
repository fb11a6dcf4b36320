package com.reftab.scim.accounts;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

/** The service's account projection and its reads on a database of a test's own, outside Spring. */
public final class AccountProjections {

    private AccountProjections() {
    }

    public static AccountProjection on(JdbcTemplate jdbc) {
        return new AccountProjection(jdbc, new ObjectMapper(),
                new ProjectionDelay(new SimpleMeterRegistry(), new PipelineSettings(Duration.ofSeconds(60))));
    }
}
