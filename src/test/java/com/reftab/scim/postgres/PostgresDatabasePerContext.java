package com.reftab.scim.postgres;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a fresh database of the embedded PostgreSQL server. Its
 * properties come first, so they win over a datasource URL given in {@code @SpringBootTest}.
 */
class PostgresDatabasePerContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedPostgresServer.Database database = EmbeddedPostgresServer.createDatabase();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embedded-postgres-" + database.name(),
                Map.of("spring.datasource.url", database.jdbcUrl(),
                        "spring.datasource.username", database.user(),
                        "spring.datasource.password", database.password())));
    }
}
