package com.reftab.scim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import com.reftab.scim.directory.UserDirectory;
import com.reftab.scim.scim.filter.ScimFilterToSql.SqlCondition;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every SCIM request finds its rows by their whole key on H2, the embedded default. H2 plans an UPDATE or a
 * DELETE as if every index covered it, so a foreign key's index on {@code tenant_id} alone tied
 * with the primary key and won: each PATCH scanned all of its tenant's users. The plans are read
 * on freshly migrated, empty tables, where the planner has no statistics of its own. And H2 records
 * an identity's next value in a write of its own each time its cache runs out.
 */
class H2AccessPathsTest {

    /** A table read by its tenant alone, which is all of the tenant's rows. */
    private static final Pattern TENANT_ONLY = Pattern.compile("/\\* [\\w.]+: tenant_id = \\S+ \\*/");

    /** Freshly migrated and empty, where the planner has no statistics of its own. */
    private static JdbcTemplate jdbc;
    private static JdbcTemplate populated;

    @BeforeAll
    static void migrate() {
        jdbc = migratedDatabase();
        populated = migratedDatabase();
        populate();
    }

    private static JdbcTemplate migratedDatabase() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:plans-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        return new JdbcTemplate(dataSource);
    }

    /** Reads are planned on a tenant with some data: 3,000 users, a group of all of them and 30 small ones. */
    private static void populate() {
        populated.update("insert into tenant (id, name, created_at) values ('t', 't', current_timestamp)");
        populated.update("insert into access_role (tenant_id, name, precedence, can_login, created_at)"
                + " values ('t', 'Manager', 300, true, current_timestamp)");
        populated.update("insert into scim_user (tenant_id, id, user_name, user_name_key, active, resource, version, created_at,"
                + " last_modified) select 't', concat('u', x), concat('u', x), concat('u', x), true, '{}', 1,"
                + " current_timestamp, current_timestamp from system_range(1, 3000) r(x)");
        populated.update("insert into scim_group (tenant_id, id, display_name, display_name_key, version, created_at, last_modified)"
                + " select 't', concat('g', x), concat('g', x), concat('g', x), 1, current_timestamp, current_timestamp"
                + " from system_range(0, 30) r(x)");
        populated.update("insert into scim_group_member (tenant_id, group_id, member_id) select 't', 'g0', concat('u', x)"
                + " from system_range(1, 3000) r(x)");
        populated.update("insert into scim_group_member (tenant_id, group_id, member_id) select 't', concat('g', mod(x, 30) + 1),"
                + " concat('u', x) from system_range(1, 3000) r(x)");
        populated.update("insert into group_role_mapping (tenant_id, group_id, role, updated_at) values ('t', 'g1', 'Manager',"
                + " current_timestamp), ('t', 'g0', 'Manager', current_timestamp)");
    }

    @Test
    void updatingAUserFindsItByTenantAndId() {
        assertThat(indexCondition("update scim_user set user_name = ?, user_name_key = ?, external_id = ?, active = ?,"
                + " display_name = ?, given_name = ?, family_name = ?, resource = ?, version = ?, last_modified = ?"
                + " where tenant_id = ? and id = ?"))
                .contains("tenant_id = ?11").contains("id = ?12");
    }

    @Test
    void deletingAUserFindsItByTenantAndId() {
        assertThat(indexCondition("delete from scim_user where tenant_id = ? and id = ?"))
                .contains("tenant_id = ?1").contains("id = ?2");
    }

    @Test
    void rewritingAUsersValuesFindsThemByTenantAndUser() {
        assertThat(indexCondition("delete from scim_user_value where tenant_id = ? and resource_id = ?"))
                .contains("tenant_id = ?1").contains("resource_id = ?2");
    }

    @Test
    void updatingAGroupFindsItByTenantAndId() {
        assertThat(indexCondition("update scim_group set display_name = ?, display_name_key = ?, external_id = ?,"
                + " version = ?, last_modified = ? where tenant_id = ? and id = ?"))
                .contains("tenant_id = ?6").contains("id = ?7");
    }

    @Test
    void deletingAGroupFindsItByTenantAndId() {
        assertThat(indexCondition("delete from scim_group where tenant_id = ? and id = ?"))
                .contains("tenant_id = ?1").contains("id = ?2");
    }

    @Test
    void removingOneMemberDoesNotWalkTheWholeGroup() {
        assertThat(indexCondition("delete from scim_group_member where tenant_id = ? and group_id = ? and member_id = ?"))
                .contains("member_id = ?3");
    }

    @Test
    void updatingAnAccountFindsItByTenantAndUser() {
        assertThat(indexCondition("update account set status = ?, version = ? where tenant_id = ? and user_id = ?"
                + " and version < ?"))
                .contains("tenant_id = ?3").contains("user_id = ?4");
    }

    @Test
    void updatingAnAccountsRoleFindsItByTenantAndUser() {
        assertThat(indexCondition("update account_access set role = ?, updated_at = ? where tenant_id = ? and user_id = ?"
                + " and role <> ?"))
                .contains("tenant_id = ?3").contains("user_id = ?4");
    }

    @Test
    void unmappingAGroupFindsItsMappingByTenantAndGroup() {
        assertThat(indexCondition("delete from group_role_mapping where tenant_id = ? and group_id = ?"))
                .contains("tenant_id = ?1").contains("group_id = ?2");
    }

    @Test
    void anInListBehindTheTenantWalksTheTenantWhichIsWhyIdsAreLookedUpOneByOne() {
        assertThat(plan("select id from scim_user where tenant_id = ? and id in (?, ?)")).containsPattern(TENANT_ONLY);
    }

    @Test
    void checkingAGroupPushsMembersExistLooksUpEachOne() {
        assertThat(plan("select id from scim_user where tenant_id = ? and id = ?"))
                .doesNotContainPattern(TENANT_ONLY).contains("id = ?2");
    }

    @Test
    void findingWhichMembersAreInAGroupLooksUpEachOne() {
        assertThat(plan("select member_id from scim_group_member where tenant_id = ? and group_id = ? and member_id = ?"))
                .doesNotContainPattern(TENANT_ONLY).contains("member_id = ?3");
    }

    @Test
    void aUsersGroupsAreFoundFromTheUserNotFromEveryGroup() {
        assertThat(plan("select m.member_id, g.id, g.display_name from scim_group_member m"
                + " join scim_group g on g.tenant_id = m.tenant_id and g.id = m.group_id"
                + " where m.tenant_id = ? and m.member_id = ? order by g.display_name_key"))
                .doesNotContainPattern(TENANT_ONLY).contains("member_id = ?2");
    }

    @Test
    void theNextPageOfAnImportIsReadInCreationOrderWithoutSorting() {
        assertThat(plan("select u.id, u.seq from scim_user u where u.tenant_id = ? and u.seq > ?"
                + " order by u.tenant_id, u.seq limit ?"))
                .contains("scim_user_seq").contains("index sorted");
    }

    @Test
    void oktasLookupByUserNameReadsTheUserNameIndex() {
        SqlCondition userName = UserDirectory.FILTERS.translate("userName eq \"u2999\"");
        assertThat(plan("select u.id, u.seq from scim_user u where u.tenant_id = ? and (" + userName.sql() + ")"
                + " order by u.seq limit ? offset ?"))
                .contains("scim_user_name").doesNotContainPattern(TENANT_ONLY);
    }

    @Test
    void orderingBySeqAloneSortsEveryRowWhichIsWhyTheTenantLeadsTheOrder() {
        assertThat(plan("select u.id, u.seq from scim_user u where u.tenant_id = ? and u.seq > ? order by u.seq limit ?"))
                .doesNotContain("index sorted");
    }

    @Test
    void aGroupsMembersAreReadInOrderWithoutSorting() {
        assertThat(plan("select member_id, display from scim_group_member where tenant_id = ? and group_id = ?"
                + " order by tenant_id, group_id, seq"))
                .contains("index sorted");
    }

    @Test
    void theRelayReadsTheOldestUnpublishedEventsWithoutSorting() {
        assertThat(plan("select seq, tenant_id, payload_bytes from outbox_event where published_at is null"
                + " and held_at is null order by published_at, held_at, seq limit ?"))
                .contains("index sorted");
    }

    @Test
    void resolvingARoleLooksUpTheUsersGroups() {
        assertThat(plan("select m.member_id, r.name from scim_group_member m"
                + " join group_role_mapping gm on gm.tenant_id = m.tenant_id and gm.group_id = m.group_id"
                + " join access_role r on r.tenant_id = gm.tenant_id and r.name = gm.role"
                + " where m.tenant_id = ? and m.member_id = ?"))
                .doesNotContainPattern(TENANT_ONLY).contains("member_id = ?2");
    }

    @Test
    void identitiesAreTakenWithoutAWriteOfTheirOwnForAGroupPush() {
        assertThat(jdbc.queryForList("select identity_cache from information_schema.columns"
                + " where table_schema = 'public' and is_identity = 'YES'", Long.class))
                .isNotEmpty()
                .allSatisfy(cache -> assertThat(cache).isGreaterThanOrEqualTo(256L));
    }

    @Test
    void aMembershipIsIndexedByMemberOnce() {
        assertThat(jdbc.queryForObject("select count(*) from information_schema.indexes i"
                + " where i.table_name = 'scim_group_member' and (select listagg(c.column_name, ',')"
                + " within group (order by c.ordinal_position) from information_schema.index_columns c"
                + " where c.index_name = i.index_name and c.table_name = i.table_name) = 'tenant_id,member_id'",
                Integer.class)).isEqualTo(1);
    }

    /** The whole plan, one line, with the index each table is read by in its comments. */
    private static String plan(String statement) {
        return populated.queryForObject("explain " + statement, String.class).replaceAll("\\s+", " ");
    }

    /** The index lookup H2 chose, as the comment of its plan shows it; empty for a table scan. */
    private static String indexCondition(String statement) {
        String plan = jdbc.queryForObject("explain " + statement, String.class);
        int start = plan.indexOf("/*");
        return start < 0 ? "" : plan.substring(start, plan.indexOf("*/", start)).replaceAll("\\s+", " ");
    }
}
