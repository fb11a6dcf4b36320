package com.reftab.scim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.accounts.PendingDeactivations;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.IdLookup;
import com.reftab.scim.directory.StoredGroup;
import com.reftab.scim.directory.StoredUser;
import com.reftab.scim.directory.UserDirectory;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.resources.UserResources;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.equipment.EquipmentHoldings;
import com.reftab.scim.equipment.HoldingsOrder;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.events.EventSizeLimit;
import com.reftab.scim.outbox.OutboxHolds;
import com.reftab.scim.outbox.OutboxRelay;
import com.reftab.scim.roles.AccessRoles;
import com.reftab.scim.admin.RoleAdminApi;
import com.reftab.scim.roles.RoleMapping;
import com.reftab.scim.roles.RolesAwaited;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.directory.ScimFilterToSql.SqlCondition;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every SCIM request finds its rows by their whole key on H2, the embedded default. H2 plans an UPDATE or a
 * DELETE as if every index covered it, so a foreign key's index on {@code tenant_id} alone tied
 * with the primary key and won: each PATCH scanned all of its tenant's users. The plans are read
 * on freshly migrated, empty tables, where the planner has no statistics of its own. And H2 records
 * an identity's next value in a write of its own each time its cache runs out.
 *
 * <p>The statements planned are the ones the service's classes run: each test calls the real class
 * on a database of its own, notes the statement it sent ({@link StatementLog}) and plans that, so a
 * changed statement is planned as it now is.
 */
class H2AccessPathsTest {

    /** A table read by its tenant alone, which is all of the tenant's rows. */
    private static final Pattern TENANT_ONLY = Pattern.compile("/\\* [\\w.]+: tenant_id = \\S+ \\*/");
    private static final Instant NOW = Instant.parse("2025-04-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Freshly migrated and empty, where the planner has no statistics of its own. */
    private static JdbcTemplate jdbc;
    private static JdbcTemplate populated;

    /** Where the service's classes run, so that their statements can be noted. */
    private static StatementLog log;
    private static JdbcTemplate logged;
    private static UserDirectory users;
    private static GroupDirectory groups;
    private static AccessRoles roles;
    private static RoleMapping roleMapping;
    private static RoleAdminApi roleAdmin;
    private static OutboxRelay relay;
    private static PendingDeactivations pendingDeactivations;
    private static EquipmentHoldings holdings;

    @BeforeAll
    static void migrate() {
        jdbc = new JdbcTemplate(migratedDatabase());
        populated = new JdbcTemplate(migratedDatabase());
        populate();
        log = new StatementLog(migratedDatabase());
        logged = new JdbcTemplate(log);
        IdLookup ids = new IdLookup(logged, log);
        users = new UserDirectory(logged, JSON);
        groups = new GroupDirectory(logged, ids);
        roles = new AccessRoles(logged);
        roleMapping = new RoleMapping(logged, JSON, ids);
        roleAdmin = new RoleAdminApi(roles, groups, new Outbox(logged, JSON, new EventSizeLimit(1_000_000, 1_048_576)), logged,
                new TransactionTemplate(new DataSourceTransactionManager(log)), new RolesAwaited(logged));
        relay = new OutboxRelay(logged, new OutboxHolds(logged, new SimpleMeterRegistry()), 200, 1_048_576, 10);
        pendingDeactivations = new PendingDeactivations(logged);
        holdings = new EquipmentHoldings(logged);
        seed();
    }

    private static DriverManagerDataSource migratedDatabase() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:plans-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        Migrations.migrate(dataSource);
        return dataSource;
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
        populated.update("insert into account (tenant_id, user_id, user_name, user_name_key, email, email_key, status, version,"
                + " deleted, created_at, updated_at) select 't', concat('u', x), concat('u', x), concat('u', x),"
                + " concat('u', x, '@example.com'), concat('u', x, '@example.com'), 'active', 1, false, current_timestamp,"
                + " current_timestamp from system_range(1, 3000) r(x)");
        populated.update("insert into outbox_event (tenant_id, event_id, type, subject, occurred_at, payload, published_at)"
                + " select 't', random_uuid(), 'com.reftab.scim.user.created', concat('Users/u', x), current_timestamp, '{}',"
                + " current_timestamp from system_range(1, 3000) r(x)");
    }

    /** Just enough for the classes to reach their statements: a user in a mapped group, an account with another role. */
    private static void seed() {
        logged.update("insert into tenant (id, name, created_at) values ('t', 't', current_timestamp)");
        roles.seedDefaults("t");
        users.insert(user("u1", 1));
        groups.insert(new StoredGroup("t", "g1", "g1", null, 1, NOW, NOW));
        groups.addMembers("t", "g1", List.of(new Member("u1", "u1")));
        logged.update("insert into group_role_mapping (tenant_id, group_id, role, updated_at) values ('t', 'g1', 'Manager', ?)",
                Timestamp.from(NOW));
        logged.update("insert into account_access (tenant_id, user_id, role, updated_at) values ('t', 'u1', 'User', ?)",
                Timestamp.from(NOW));
    }

    private static StoredUser user(String id, long version) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("userName", id + "@example.com").put("active", true);
        return new StoredUser("t", id, attributes, version, NOW, NOW);
    }

    private static String userEvent(EventType type, String id, long version) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode().put("userName", id + "@example.com").put("active", true);
        return ProvisioningEvent.of("t", type, "User", id, version, resource, NOW).toCloudEvent().toString();
    }

    @Test
    void updatingAUserFindsItByTenantAndId() {
        String update = log.statementOf(() -> users.update(user("u1", 2)), startingWith("update scim_user "));

        assertThat(indexCondition(update)).containsPattern(key("tenant_id")).containsPattern(key("id"));
    }

    @Test
    void deletingAUserFindsItByTenantAndId() {
        String delete = log.statementOf(() -> users.delete("t", "u-gone"), startingWith("delete from scim_user "));

        assertThat(indexCondition(delete)).containsPattern(key("tenant_id")).containsPattern(key("id"));
    }

    @Test
    void rewritingAUsersChangedValueFindsItAmongTheUsersRows() {
        StoredUser named = user("u1", 3);
        named.attributes().put("displayName", "A Name");
        users.update(named);
        StoredUser renamed = user("u1", 4);
        renamed.attributes().put("displayName", "Another Name");
        String delete = log.statementOf(() -> users.update(renamed), startingWith("delete from scim_user_value "));

        assertThat(indexCondition(delete)).containsPattern(key("tenant_id")).containsPattern(key("resource_id"));
    }

    @Test
    void readingAUsersStoredValuesFindsThemByTenantAndUser() {
        String select = log.statementOf(() -> users.update(user("u1", 5)), startingWith("select attribute, position"));

        assertThat(indexCondition(select)).containsPattern(key("tenant_id")).containsPattern(key("resource_id"));
    }

    @Test
    void updatingAGroupFindsItByTenantAndId() {
        String update = log.statementOf(() -> groups.update(new StoredGroup("t", "g1", "g1", null, 2, NOW, NOW)),
                startingWith("update scim_group "));

        assertThat(indexCondition(update)).containsPattern(key("tenant_id")).containsPattern(key("id"));
    }

    @Test
    void deletingAGroupFindsItByTenantAndId() {
        String delete = log.statementOf(() -> groups.delete("t", "g-gone"), startingWith("delete from scim_group "));

        assertThat(indexCondition(delete)).containsPattern(key("tenant_id")).containsPattern(key("id"));
    }

    @Test
    void removingOneMemberDoesNotWalkTheWholeGroup() {
        String delete = log.statementOf(() -> groups.removeMembers("t", "g-none", List.of("u-none")),
                startingWith("delete from scim_group_member "));

        assertThat(indexCondition(delete)).containsPattern(key("member_id"));
    }

    @Test
    void updatingAnAccountFindsItByTenantAndUser() {
        String merge = RouteStatements.of("account-projection.yaml", "merge into account ");

        assertThat(plan(merge)).containsPattern("account\" \\S+ /\\* public\\.PRIMARY_KEY_\\w+: tenant_id = \\S+ AND user_id = ");
    }

    @Test
    void updatingAnAccountsRoleFindsItByTenantAndUser() {
        String merge = RouteStatements.of("role-mapping.yaml", "merge into account_access ");

        assertThat(plan(merge)).containsPattern("account_access\" \\S+ /\\* public\\.PRIMARY_KEY_\\w+: tenant_id = \\S+ AND user_id = ");
    }

    @Test
    void aMembershipOfTheRoleMappingsOwnFindsItsRowByKey() {
        String merge = RouteStatements.of("role-mapping.yaml", "merge into projected_group_member ");

        assertThat(plan(merge)).containsPattern("projected_group_member\" \\S+ /\\* public\\.\\w+: tenant_id = \\S+ AND (group_id = \\S+ AND )?user_id = ");
    }

    @Test
    void aDirectRoleOfTheRoleMappingsOwnFindsItsRowByKey() {
        String merge = RouteStatements.of("role-mapping.yaml", "merge into projected_direct_role ");

        assertThat(plan(merge)).containsPattern("projected_direct_role\" \\S+ /\\* public\\.PRIMARY_KEY_\\w+: tenant_id = \\S+ AND user_id = ");
    }

    @Test
    void unmappingAGroupFindsItsMappingByTenantAndGroup() {
        String delete = log.statementOf(() -> roleAdmin.unmapGroup(new ApiRequest(new ScimCall("t", "http://localhost"), Map.of("groupId", "g1"), Map.of(), null)),
                startingWith("delete from group_role_mapping "));

        assertThat(indexCondition(delete)).containsPattern(key("tenant_id")).containsPattern(key("group_id"));
    }

    @Test
    void anInListBehindTheTenantWalksTheTenantWhichIsWhyIdsAreLookedUpOneByOne() {
        assertThat(plan("select id from scim_user where tenant_id = ? and id in (?, ?)")).containsPattern(TENANT_ONLY);
    }

    @Test
    void checkingAGroupPushsMembersExistLooksUpEachOne() {
        String select = log.statementOf(() -> groups.existingUsers("t", List.of("u1", "u2")),
                startingWith("select id from scim_user "));

        assertThat(plan(select)).doesNotContainPattern(TENANT_ONLY).containsPattern(key("id"));
    }

    @Test
    void findingWhichMembersAreInAGroupLooksUpEachOne() {
        String select = log.statementOf(() -> groups.presentMembers("t", "g1", List.of("u1", "u2")),
                startingWith("select member_id from scim_group_member "));

        assertThat(plan(select)).doesNotContainPattern(TENANT_ONLY).containsPattern(key("member_id"));
    }

    @Test
    void aUsersGroupsAreFoundFromTheUserNotFromEveryGroup() {
        String select = log.statementOf(() -> groups.groupsOf("t", List.of("u1")), containing("from scim_group_member m"));

        assertThat(plan(select)).doesNotContainPattern(TENANT_ONLY).containsPattern(key("member_id"));
    }

    @Test
    void aUserReadWithItsGroupsIsFoundByItsKeyAndItsGroupsFromTheUser() {
        String select = log.statementOf(() -> users.findWithGroups("t", "u1"), containing("left join scim_group_member m"));

        assertThat(plan(select)).doesNotContainPattern(TENANT_ONLY).containsPattern(key("u.id"))
                .containsPattern("member_id = u.id");
    }

    @Test
    void theFirstPageOfAnImportIsReadInCreationOrderWithoutSorting() {
        String select = log.statementOf(() -> users.listing("t").page(null, null, 0, 100), containing(" limit "));

        assertThat(plan(select)).contains("scim_user_seq").contains("index sorted").doesNotContain("1 of 2 columns");
    }

    @Test
    void theFirstPageOfAnImportWithGroupsIsReadInCreationOrderWithoutSorting() {
        ListQuery firstPage = new ListQuery(null, "1", "100", null, null, null);
        String select = log.statementOf(() -> users.listWithGroups("t", firstPage, FilterLimits.DEFAULTS, 100).rows().next(),
                containing("groups_json"));

        assertThat(plan(select)).contains("scim_user_seq").contains("index sorted").doesNotContain("1 of 2 columns")
                .containsPattern("member_id = p.id");
    }

    @Test
    void theNextPageOfAnImportIsReadInCreationOrderWithoutSorting() {
        String select = log.statementOf(() -> users.listing("t").pageAfter(null, 0, 100), containing(" limit "));

        assertThat(plan(select)).contains("scim_user_seq").contains("index sorted");
    }

    @Test
    void oktasLookupByUserNameReadsTheUserNameIndex() {
        SqlCondition userName = UserDirectory.FILTERS.translate("userName eq \"u2999\"");
        String select = log.statementOf(() -> users.listing("t").page(userName, null, 0, 100), containing(" limit "));

        assertThat(plan(select)).contains("scim_user_name").doesNotContainPattern(TENANT_ONLY);
    }

    @Test
    void orderingBySeqAloneSortsEveryRowWhichIsWhyTheTenantLeadsTheOrder() {
        assertThat(plan("select u.id, u.seq from scim_user u where u.tenant_id = ? and u.seq > ? order by u.seq limit ?"))
                .doesNotContain("index sorted");
    }

    @Test
    void aGroupsMembersAreReadInOrderWithoutSorting() {
        String select = log.statementOf(() -> groups.membersAfter("t", "g1", 0, 1000), startingWith("select seq, member_id, display "));

        assertThat(plan(select)).contains("index sorted");
    }

    @Test
    void theRelayReadsTheOldestUnpublishedEventsWithoutSorting() {
        String select = log.statementOf(relay::nextBatch, startingWith("select").and(containing("where published_at is null")));

        assertThat(plan(select)).contains("index sorted");
    }

    @Test
    void resolvingARoleLooksUpTheUsersGroups() {
        String select = log.statementOf(() -> roleMapping.roles(new RoleMapping.RoleEvents(List.of(),
                        Map.of("t", Set.of("u1")), Map.of(), Set.of())),
                containing("join projected_group "));

        assertThat(plan(select)).doesNotContainPattern(TENANT_ONLY).containsPattern(key("user_id"));
    }

    @Test
    void aTenantsPendingDeactivationsAreFoundFromItsNewestEventsAndTheirAccountsByKey() {
        String select = log.statementOf(() -> pendingDeactivations.of("t", NOW, Duration.ofSeconds(60)),
                containing("from outbox_event"));

        String plan = plan(select);
        assertThat(plan).contains("outbox_event_tenant").contains("index sorted")
                .containsPattern("JOIN \\S+ \\S+ /\\* public\\.PRIMARY_KEY_\\w+: tenant_id = o\\.tenant_id AND user_id = ");
    }

    @Test
    void theEquipmentReportMatchesLoansByUserNameOrEmailToAccountsByTheirKeys() {
        String count = log.statementOf(() -> holdings.disabledWithEquipment("t", HoldingsOrder.OLDEST, 0, 10),
                startingWith("select count("));

        assertThat(plan(count)).doesNotContainPattern(TENANT_ONLY).doesNotContain("lower(")
                .contains("account_user_name_key").contains("account_email_key");
    }

    @Test
    void whatAPersonHoldsIsLookedUpFromThePersonNotFromEveryLoan() {
        String held = log.statementOf(() -> holdings.heldBy("t", "u1"), startingWith("select "));

        assertThat(plan(held)).doesNotContainPattern(TENANT_ONLY).doesNotContain("lower(")
                .contains("equipment_loan_holder_name").contains("equipment_loan_holder_email");
    }

    @Test
    void identitiesAreTakenWithoutAWriteOfTheirOwnForAGroupPush() {
        assertThat(jdbc.queryForList("select identity_cache from information_schema.columns"
                + " where table_schema = 'public' and is_identity = 'YES'", Long.class))
                .isNotEmpty()
                .allSatisfy(cache -> assertThat(cache).isGreaterThanOrEqualTo(256L));
    }

    @Test
    void oktasLookupWithGroupsReadsTheUserNameIndexAndTheUsersGroupsFromTheUser() {
        ListQuery lookup = new ListQuery("userName eq \"u2999\"", null, null, null, null, null);
        String select = log.statementOf(() -> users.listWithGroups("t", lookup, FilterLimits.DEFAULTS, 100).rows().next(),
                containing("groups_json"));

        assertThat(plan(select)).contains("scim_user_name").doesNotContainPattern(TENANT_ONLY)
                .containsPattern("member_id = p.id");
    }

    @Test
    void oktasLookupOfAUserWithGroupsIsOneStatement() {
        UserResources userType = new UserResources(users, groups, null, null, null, FilterLimits.DEFAULTS, null);
        ListQuery lookup = new ListQuery("userName eq \"u1@example.com\"", null, null, null, null, null);
        List<ObjectNode> found = new ArrayList<>();

        String only = log.statementOf(() -> found.addAll(userType.page(new ScimCall("t", "http://localhost"), lookup,
                AttributeSelection.ALL, FilterLimits.DEFAULTS, 100).resources()), sql -> true);

        assertThat(only).contains("groups_json");
        assertThat(found).singleElement().satisfies(user -> assertThat(user.path("groups").findValuesAsText("value"))
                .containsExactly("g1"));
    }

    @Test
    void aCursorPageWithGroupsIsReadInCreationOrderWithoutSortingTheTenant() {
        ListQuery firstPage = new ListQuery(null, null, "100", null, null, "");
        String select = log.statementOf(() -> users.listWithGroups("t", firstPage, FilterLimits.DEFAULTS, 100).rows().next(),
                containing("groups_json"));

        assertThat(plan(select)).contains("scim_user_seq").contains("index sorted").containsPattern("member_id = p.id");
    }

    @Test
    void aMembershipIsIndexedByMemberOnce() {
        assertThat(jdbc.queryForObject("select count(*) from information_schema.indexes i"
                + " where i.table_name = 'scim_group_member' and (select listagg(c.column_name, ',')"
                + " within group (order by c.ordinal_position) from information_schema.index_columns c"
                + " where c.index_name = i.index_name and c.table_name = i.table_name) = 'tenant_id,member_id'",
                Integer.class)).isEqualTo(1);
    }

    private static Predicate<String> startingWith(String prefix) {
        return sql -> sql.startsWith(prefix);
    }

    private static Predicate<String> containing(String part) {
        return sql -> sql.contains(part);
    }

    /** The column looked up by a parameter in an index condition. */
    private static String key(String column) {
        return "\\b" + column + " = \\?\\d+";
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
