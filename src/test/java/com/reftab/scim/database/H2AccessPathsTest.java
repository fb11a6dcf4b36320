package com.reftab.scim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.reftab.scim.directory.IdTable;
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

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:plans-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
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
    void checkingAGroupPushsMembersExistLooksUpEachOne() {
        assertThat(joinedIndexCondition("select u.id from " + IdTable.of(2)
                + " join scim_user u on u.tenant_id = ? and u.id = ids.id"))
                .contains("tenant_id = ?3").contains("id = ids.id");
    }

    @Test
    void findingWhichMembersAreInAGroupLooksUpEachOne() {
        assertThat(joinedIndexCondition("select m.member_id from " + IdTable.of(2)
                + " join scim_group_member m on m.tenant_id = ? and m.group_id = ? and m.member_id = ids.id"))
                .contains("member_id = ids.id");
    }

    @Test
    void resolvingRolesLooksUpEachUsersGroups() {
        assertThat(joinedIndexCondition("select m.member_id, r.name from " + IdTable.of(2)
                + " join scim_group_member m on m.tenant_id = ? and m.member_id = ids.id"
                + " join group_role_mapping gm on gm.tenant_id = m.tenant_id and gm.group_id = m.group_id"
                + " join access_role r on r.tenant_id = gm.tenant_id and r.name = gm.role"))
                .contains("member_id = ids.id");
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

    /** The index lookup H2 chose for the table joined to the ids, the second of the plan. */
    private static String joinedIndexCondition(String statement) {
        String plan = jdbc.queryForObject("explain " + statement, String.class);
        int join = plan.indexOf("INNER JOIN");
        int start = plan.indexOf("/*", join);
        return join < 0 || start < 0 ? "" : plan.substring(start, plan.indexOf("*/", start)).replaceAll("\\s+", " ");
    }

    /** The index lookup H2 chose, as the comment of its plan shows it; empty for a table scan. */
    private static String indexCondition(String statement) {
        String plan = jdbc.queryForObject("explain " + statement, String.class);
        int start = plan.indexOf("/*");
        return start < 0 ? "" : plan.substring(start, plan.indexOf("*/", start)).replaceAll("\\s+", " ");
    }
}
