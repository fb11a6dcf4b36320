package com.reftab.scim.database;

import java.sql.Statement;
import java.util.List;

import com.reftab.scim.postgres.OnEmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@JdbcTest(properties = "reftab.data-dir=target/test-data/postgres-batched-inserts")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@OnEmbeddedPostgres
@Import(PostgresBatchedInserts.class)
class PostgresBatchedInsertsTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchOfInsertsReachesPostgresqlAsOneMultiRowInsert() {
        jdbc.execute("create temporary table batched (id int primary key, name varchar(16))");

        int[] counts = jdbc.batchUpdate("insert into batched (id, name) values (?, ?)",
                List.of(new Object[] {1, "ada"}, new Object[] {2, "grace"}, new Object[] {3, "edsger"},
                        new Object[] {4, "barbara"}));

        // The driver answers a rewritten batch without a count per row (it rewrites a power of two
        // rows at a time: four rows are one statement).
        assertThat(counts).containsOnly(Statement.SUCCESS_NO_INFO);
        assertThat(jdbc.queryForObject("select count(*) from batched", Integer.class)).isEqualTo(4);
    }
}
