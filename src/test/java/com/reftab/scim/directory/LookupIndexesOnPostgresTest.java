package com.reftab.scim.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.reftab.scim.database.Migrations;
import com.reftab.scim.postgres.EmbeddedPostgresServer;
import com.reftab.scim.postgres.EmbeddedPostgresServer.Database;
import com.reftab.scim.directory.ScimFilterToSql.SqlCondition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Every lookup Okta and Entra make has an index PostgreSQL uses: the plan of each query over an
 * analysed directory of 5,000 users names the index (sequential scans ruled out, so a small table
 * cannot hide a missing index).
 */
class LookupIndexesOnPostgresTest {

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migratedDatabase() {
        Database database = EmbeddedPostgresServer.createDatabase();
        SingleConnectionDataSource dataSource =
                new SingleConnectionDataSource(database.jdbcUrl(), database.user(), database.password(), true);
        Migrations.migrate(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.update("insert into tenant (id, name, created_at) values ('default', 'Default', now())");
        jdbc.update("insert into scim_user (tenant_id, id, user_name, user_name_key, external_id, active, resource, version,"
                + " created_at, last_modified) select 'default', 'u' || n, 'User' || n, 'user' || n, '00u' || n, true, '{}', 1,"
                + " now(), now() from generate_series(1, 5000) n");
        jdbc.update("insert into scim_user_value (tenant_id, resource_id, attribute, position, text_value, text_key)"
                + " select 'default', 'u' || n, 'emails.value', 0, 'u' || n || '@x.io', 'u' || n || '@x.io'"
                + " from generate_series(1, 5000) n");
        jdbc.update("insert into scim_group (tenant_id, id, display_name, display_name_key, version, created_at, last_modified)"
                + " select 'default', 'g' || n, 'Group ' || n, 'group ' || n, 1, now(), now() from generate_series(1, 500) n");
        jdbc.update("insert into scim_group_member (tenant_id, group_id, member_id) select 'default', 'g' || (n % 500 + 1),"
                + " 'u' || n from generate_series(1, 5000) n");
        jdbc.execute("analyze");
        jdbc.execute("set enable_seqscan = off");
    }

    private static String plan(String table, String alias, ScimFilterToSql filters, String filter) {
        SqlCondition condition = filters.translate(filter);
        List<Object> parameters = new ArrayList<>(List.of("default"));
        parameters.addAll(condition.parameters());
        return String.join("\n", jdbc.queryForList("explain select " + alias + ".id from " + table + " " + alias
                + " where " + alias + ".tenant_id = ? and (" + condition.sql() + ")", String.class, parameters.toArray()));
    }

    @Test
    void oktasUserNameLookupUsesTheUserNameIndex() {
        assertThat(plan("scim_user", "u", UserDirectory.FILTERS, "userName eq \"ann@example.com\"")).contains("scim_user_name");
    }

    @Test
    void externalIdLookupUsesItsIndex() {
        assertThat(plan("scim_user", "u", UserDirectory.FILTERS, "externalId eq \"00u1\"")).contains("scim_user_external_id");
    }

    @Test
    void entrasWorkEmailLookupUsesTheValueIndex() {
        assertThat(plan("scim_user", "u", UserDirectory.FILTERS, "emails[type eq \"work\" and value eq \"ann@example.com\"]"))
                .containsPattern("scim_user_value_(key|pkey)");
    }

    @Test
    void groupLookupByDisplayNameUsesItsIndex() {
        assertThat(plan("scim_group", "g", GroupDirectory.FILTERS, "displayName eq \"Engineering\"")).contains("scim_group_name");
    }

    @Test
    void theGroupsOfAUserAreFoundByTheMemberIndex() {
        String plan = String.join("\n", jdbc.queryForList(
                "explain select group_id from scim_group_member where tenant_id = ? and member_id = ?", String.class, "default", "u1"));

        assertThat(plan).contains("scim_group_member_by_member");
    }

    @Test
    void theMembersOfAGroupArePagedByTheMembershipKey() {
        String plan = String.join("\n", jdbc.queryForList(
                "explain select member_id from scim_group_member where tenant_id = ? and group_id = ? order by seq",
                String.class, "default", "g1"));

        assertThat(plan).containsPattern("scim_group_member_(by_seq|pkey)");
    }
}
