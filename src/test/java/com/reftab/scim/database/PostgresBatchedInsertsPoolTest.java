package com.reftab.scim.database;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pools {@link PostgresBatchedInserts} sets the option on; {@code PostgresBatchedInsertsTest} shows what it does. */
class PostgresBatchedInsertsPoolTest {

    private final PostgresBatchedInserts batchedInserts = new PostgresBatchedInserts();

    @Test
    void aPostgresqlPoolGetsTheOption() {
        HikariDataSource pool = pool("jdbc:postgresql://localhost:5432/reftab");

        batchedInserts.postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry(PostgresBatchedInserts.OPTION, "true");
    }

    @Test
    void anH2PoolIsLeftAlone() {
        HikariDataSource pool = pool("jdbc:h2:mem:left-alone");

        batchedInserts.postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).doesNotContainKey(PostgresBatchedInserts.OPTION);
    }

    @Test
    void anOptionThePoolIsConfiguredWithIsKept() {
        HikariDataSource pool = pool("jdbc:postgresql://localhost:5432/reftab");
        pool.addDataSourceProperty(PostgresBatchedInserts.OPTION, "false");

        batchedInserts.postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry(PostgresBatchedInserts.OPTION, "false");
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }
}
