package com.reftab.scim.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class EmbeddedPostgresServerTest {

    @Test
    void eachDatabaseIsEmptyAndSeesNothingOfAnother() {
        JdbcTemplate first = jdbc(EmbeddedPostgresServer.createDatabase());
        JdbcTemplate second = jdbc(EmbeddedPostgresServer.createDatabase());

        first.execute("create table only_in_first (id int)");

        assertThat(tables(first)).containsExactly("only_in_first");
        assertThat(tables(second)).isEmpty();
    }

    private static JdbcTemplate jdbc(EmbeddedPostgresServer.Database database) {
        return new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password()));
    }

    private static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'public'", String.class);
    }
}
