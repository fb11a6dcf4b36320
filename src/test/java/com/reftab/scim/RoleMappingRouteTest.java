package com.reftab.scim;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.roles.RoleAssignmentLimits;
import com.reftab.scim.roles.RoleMapping;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

@CamelSpringBootTest
@SpringBootTest(classes = ReftabScimApplication.class, properties = {
        "reftab.kafka.brokers=127.0.0.1:9",
        "camel.component.kafka.brokers=127.0.0.1:9",
        "spring.datasource.url=jdbc:h2:mem:role-mapping-route;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/role-mapping-route",
        "reftab.scim.token=scim-token-role-mapping",
        "reftab.admin.token=admin-token-role-mapping"
})
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RoleMappingRouteTest {

    private static final String TENANT = "default";
    private static final Instant NOW = Instant.parse("2025-04-01T09:00:00Z");
    /** Versions of the events' groups, mappings and default roles, each later event's higher. */
    private static final AtomicLong VERSION = new AtomicLong();

    @Autowired
    ModelCamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    JdbcTemplate jdbc;


    @BeforeEach
    void startRoutesOnce() throws Exception {
        if (!camelContext.isStarted()) {
            DetachedKafkaRoutes.detachAll(camelContext);
            camelContext.start();
        }
    }

    @AfterEach
    void restoreTheDefaultRole() {
        consume(defaultRoleChanged("User"));
        consume(directRolesSettingChanged(false, VERSION.incrementAndGet()));
    }

    @Test
    void memberAddedToAManagerMappedGroupBecomesManager() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, ann);

        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, ann));

        assertThat(roleOf(ann)).isEqualTo("Manager");
    }

    @Test
    void memberOfManagerAndAdministratorGroupsBecomesAdministrator() {
        String ann = user();
        String managers = group();
        String admins = group();
        map(managers, "Manager");
        map(admins, "Administrator");
        addMembers(managers, ann);
        addMembers(admins, ann);

        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, ann));

        assertThat(roleOf(ann)).isEqualTo("Administrator");
    }

    @Test
    void memberOfALoaneeMappedGroupOnlyBecomesLoaneeBelowTheDefault() {
        String ann = user();
        String loanees = group();
        map(loanees, "Loanee");
        addMembers(loanees, ann);

        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, loanees, ann));

        assertThat(roleOf(ann)).isEqualTo("Loanee");
    }

    @Test
    void removedMemberFallsBackToTheDefaultRole() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, ann);
        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, ann));

        consume(membersEvent(EventType.GROUP_MEMBERS_REMOVED, managers, ann));

        assertThat(roleOf(ann)).isEqualTo("User");
    }

    @Test
    void removedMemberKeepsTheRoleOfAnotherMappedGroup() {
        String ann = user();
        String managers = group();
        String admins = group();
        map(managers, "Manager");
        map(admins, "Administrator");
        addMembers(managers, ann);
        addMembers(admins, ann);
        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, admins, ann));

        consume(membersEvent(EventType.GROUP_MEMBERS_REMOVED, admins, ann));

        assertThat(roleOf(ann)).isEqualTo("Manager");
    }

    @Test
    void mappingChangeMovesEveryMemberOfTheGroup() {
        String ann = user();
        String bob = user();
        String outsider = user();
        String engineering = group();
        addMembers(engineering, ann, bob);
        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, engineering, ann, bob));
        consume(userCreated(outsider));

        map(engineering, "Administrator");
        consume(mappingChanged(engineering, "Administrator"));

        assertThat(roleOf(ann)).isEqualTo("Administrator");
        assertThat(roleOf(bob)).isEqualTo("Administrator");
        assertThat(roleOf(outsider)).isEqualTo("User");
    }

    @Test
    void unmappingAGroupReturnsItsMembersToTheDefaultRole() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, ann);
        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, ann));

        consume(mappingChanged(managers, null));

        assertThat(roleOf(ann)).isEqualTo("User");
    }

    @Test
    void createdUserWithoutMappedGroupsGetsTheDefaultRole() {
        String ann = user();

        consume(userCreated(ann));

        assertThat(roleOf(ann)).isEqualTo("User");
    }

    @Test
    void defaultRoleChangeMovesUsersWithNoMappedGroupAndLeavesMappedOnes() {
        String unmapped = user();
        String manager = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, manager);
        consume(userCreated(unmapped));
        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, manager));

        consume(defaultRoleChanged("Loanee"));

        assertThat(roleOf(unmapped)).isEqualTo("Loanee");
        assertThat(roleOf(manager)).isEqualTo("Manager");
    }

    @Test
    void defaultRoleChangeReachesAUserWhoseEventHasNotArrivedYet() {
        String ann = user();

        consume(defaultRoleChanged("Loanee"));
        consume(userCreated(ann));

        assertThat(roleOf(ann)).isEqualTo("Loanee");
    }

    @Test
    void sameEventDeliveredTwiceLeavesIdenticalRows() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, ann);
        String event = membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, ann);
        consume(event);
        Map<String, Object> once = accessRow(ann);

        consume(event);

        assertThat(accessRow(ann)).isEqualTo(once);
        assertThat(once.get("role")).isEqualTo("Manager");
    }

    @Test
    void aMembershipEventOlderThanTheLastOneOfItsUserAndGroupChangesNothing() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        long removedAt = VERSION.addAndGet(10);

        consume(membersEvent(EventType.GROUP_MEMBERS_REMOVED, managers, removedAt, ann));
        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, removedAt - 5, ann));

        assertThat(roleOf(ann)).isEqualTo("User");
    }

    @Test
    void aMappingEventOlderThanTheGroupsLastOneChangesNothing() {
        String ann = user();
        String engineering = group();
        addMembers(engineering, ann);
        long mappedAt = VERSION.addAndGet(10);

        consume(mappingChanged(engineering, "Manager", mappedAt));
        consume(mappingChanged(engineering, "Administrator", mappedAt - 5));

        assertThat(roleOf(ann)).isEqualTo("Manager");
    }

    @Test
    void aDeletedGroupGrantsNothingToAMembershipArrivingAfterItsDeletion() {
        String ann = user();
        String admins = group();
        map(admins, "Administrator");
        long deletedAt = VERSION.addAndGet(10);

        consume(ProvisioningEvent.withData(TENANT, EventType.GROUP_DELETED, "Groups/" + admins,
                ProvisioningEvent.data(TENANT, "Group", admins, deletedAt), NOW).toCloudEvent().toString());
        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, admins, deletedAt - 1, ann));

        assertThat(roleOf(ann)).isEqualTo("User");
    }

    @Test
    void aDefaultRoleEventOlderThanTheTenantsLastOneChangesNothing() {
        String ann = user();
        consume(userCreated(ann));
        long changedAt = VERSION.addAndGet(10);

        consume(defaultRoleChanged("Loanee", changedAt));
        consume(defaultRoleChanged("Manager", changedAt - 5));

        assertThat(roleOf(ann)).isEqualTo("Loanee");
    }

    @Test
    void unknownEventTypeChangesNothing() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, ann);
        ObjectNode event = ProvisioningEvent.withData(TENANT, EventType.GROUP_MEMBERS_ADDED, "Groups/" + managers,
                membersData(managers, ann), NOW).toCloudEvent();
        event.put("type", "com.reftab.scim.group.archived");
        List<Map<String, Object>> before = allAccessRows();

        consume(event.toString());

        assertThat(allAccessRows()).isEqualTo(before);
    }

    @Test
    void groupCreatedEventChangesNothing() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, ann);
        ObjectNode data = ProvisioningEvent.data(TENANT, "Group", managers, 1);
        List<Map<String, Object>> before = allAccessRows();

        consume(ProvisioningEvent.withData(TENANT, EventType.GROUP_CREATED, "Groups/" + managers, data, NOW)
                .toCloudEvent().toString());

        assertThat(allAccessRows()).isEqualTo(before);
    }

    // ---- roles the identity provider assigns directly (user events' data.directRoles)

    @Test
    void aDirectRoleAboveTheGroupsRoleWinsAndIsNamedAsTheOrigin() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, ann);

        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, VERSION.incrementAndGet(), "Administrator", 400));

        assertThat(accessRow(ann)).containsEntry("role", "Administrator").containsEntry("role_origin", "direct");
    }

    @Test
    void aGroupsRoleAboveTheDirectRoleWinsAndNamesTheGroup() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");
        addMembers(managers, ann);

        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, VERSION.incrementAndGet(), "Loanee", 100));

        assertThat(accessRow(ann)).containsEntry("role", "Manager").containsEntry("role_origin", "group")
                .containsEntry("role_origin_group", managers);
    }

    @Test
    void aUserEventOlderThanTheUsersLastOneLeavesItsDirectRole() {
        String ann = user();
        long updatedAt = VERSION.addAndGet(10);

        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, updatedAt, "Manager", 300));
        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, updatedAt - 5, "Administrator", 400));

        assertThat(roleOf(ann)).isEqualTo("Manager");
    }

    @Test
    void theAuthoritativeSettingMakesTheDirectRoleWinOverAHigherGroupRole() {
        String ann = user();
        String admins = group();
        map(admins, "Administrator");
        addMembers(admins, ann);
        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, VERSION.incrementAndGet(), "User", 200));
        assertThat(roleOf(ann)).isEqualTo("Administrator");

        consume(directRolesSettingChanged(true, VERSION.incrementAndGet()));

        assertThat(accessRow(ann)).containsEntry("role", "User").containsEntry("role_origin", "direct");
    }

    @Test
    void aDirectRolesSettingEventOlderThanTheTenantsLastOneChangesNothing() {
        String ann = user();
        String admins = group();
        map(admins, "Administrator");
        addMembers(admins, ann);
        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, VERSION.incrementAndGet(), "User", 200));
        long changedAt = VERSION.addAndGet(10);

        consume(directRolesSettingChanged(false, changedAt));
        consume(directRolesSettingChanged(true, changedAt - 5));

        assertThat(roleOf(ann)).isEqualTo("Administrator");
    }

    @Test
    void aDeletedUserKeepsNoDirectRole() {
        String ann = user();
        long version = VERSION.addAndGet(10);
        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, version, "Manager", 300));

        consume(userWithDirectRoles(EventType.USER_DELETED, ann, version + 1, "Manager", 300));

        assertThat(accessRow(ann)).containsEntry("role", "User").containsEntry("role_origin", "default");
    }

    @Test
    void aWithdrawnRoleGrantsNothingAndTheHoldersNextDirectRoleDecides() {
        String ann = user();
        String auditor = "Auditor-" + ann.substring(0, 8);
        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, VERSION.incrementAndGet(), auditor, 350, "Manager", 300));
        assertThat(roleOf(ann)).isEqualTo(auditor);

        consume(roleOfferChanged(auditor, false, VERSION.incrementAndGet()));

        assertThat(accessRow(ann)).containsEntry("role", "Manager").containsEntry("role_origin", "direct");
    }

    @Test
    void aRoleOfferedAgainGrantsAgainWithoutAUserEvent() {
        String ann = user();
        String auditor = "Auditor-" + ann.substring(0, 8);
        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, VERSION.incrementAndGet(), auditor, 350));
        consume(roleOfferChanged(auditor, false, VERSION.incrementAndGet()));
        assertThat(accessRow(ann)).containsEntry("role", "User").containsEntry("role_origin", "default");

        consume(roleOfferChanged(auditor, true, VERSION.incrementAndGet()));

        assertThat(accessRow(ann)).containsEntry("role", auditor).containsEntry("role_origin", "direct");
    }

    @Test
    void aRoleOfferEventOlderThanTheRolesLastOneChangesNothing() {
        String ann = user();
        String auditor = "Auditor-" + ann.substring(0, 8);
        consume(userWithDirectRoles(EventType.USER_UPDATED, ann, VERSION.incrementAndGet(), auditor, 350));
        long changedAt = VERSION.addAndGet(10);

        consume(roleOfferChanged(auditor, true, changedAt));
        consume(roleOfferChanged(auditor, false, changedAt - 5));

        assertThat(roleOf(ann)).isEqualTo(auditor);
    }

    @Test
    void aPollThatAddsAndThenRemovesAMemberEndsAsItsLaterEventSays() {
        String ann = user();
        String managers = group();
        map(managers, "Manager");

        applyAsOnePoll(membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, ann),
                membersEvent(EventType.GROUP_MEMBERS_REMOVED, managers, ann));

        assertThat(roleOf(ann)).isEqualTo("User");
    }

    @Test
    void aPollThatCreatesAUserTwiceKeepsItsLaterDirectRole() {
        String ann = user();

        applyAsOnePoll(userWithDirectRoles(EventType.USER_CREATED, ann, 1, "Manager", 300),
                userWithDirectRoles(EventType.USER_UPDATED, ann, 2, "Administrator", 400));

        assertThat(roleOf(ann)).isEqualTo("Administrator");
    }

    @Test
    void aPushOfMoreMembersThanOneStatementWritesPlacesEveryMember() {
        String managers = group();
        map(managers, "Manager");
        int pushed = RoleMapping.ROWS_PER_STATEMENT * 2 + 1;
        String[] members = IntStream.range(0, pushed).mapToObj(i -> user()).toArray(String[]::new);

        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, managers, members));

        assertThat(jdbc.queryForObject("select count(*) from account_access where tenant_id = ? and role = 'Manager'"
                + " and role_origin_group = ?", Integer.class, TENANT, managers)).isEqualTo(pushed);
        assertThat(jdbc.queryForObject("select count(*) from projected_group_member where tenant_id = ? and group_id = ?"
                + " and member", Integer.class, TENANT, managers)).isEqualTo(pushed);
    }

    @Test
    void theMostDirectRolesAPersonMayHoldAreKeptWholeEvenWithTheLongestEncoding() throws Exception {
        String ann = user();
        ObjectNode resource = JsonNodeFactory.instance.objectNode().put("userName", ann + "@example.com").put("active", true);
        ProvisioningEvent event = ProvisioningEvent.of(TENANT, EventType.USER_UPDATED, "User", ann, VERSION.incrementAndGet(),
                resource, NOW);
        ArrayNode roles = ((ObjectNode) event.data()).putArray("directRoles");
        for (int i = 0; i < RoleAssignmentLimits.MOST_PER_USER; i++) {
            // 64 characters, each a control character JSON escapes as six, and an 11-character
            // precedence: the longest entry, 420 characters.
            roles.addObject().put("role", "\u0001".repeat(61) + sixFoldEscaped(i)).put("precedence", Integer.MIN_VALUE + i);
        }

        consume(event.toCloudEvent().toString());

        String stored = jdbc.queryForObject("select roles from projected_direct_role where tenant_id = ? and user_id = ?",
                String.class, TENANT, ann);
        assertThat(stored).hasSize(RoleAssignmentLimits.MOST_PER_USER * 420 + RoleAssignmentLimits.MOST_PER_USER + 1);
        assertThat(new ObjectMapper().readTree(stored)).isEqualTo(roles);
    }

    /** Three control characters naming n (below 26 cubed), none of those JSON escapes in two (\b, \t, \n, \f, \r). */
    private static String sixFoldEscaped(int n) {
        String digits = IntStream.rangeClosed(1, 31).filter(c -> c != 8 && c != 9 && c != 10 && c != 12 && c != 13)
                .mapToObj(c -> String.valueOf((char) c)).reduce("", String::concat);
        int base = digits.length();
        return "" + digits.charAt(n / (base * base) % base) + digits.charAt(n / base % base) + digits.charAt(n % base);
    }

    private static String userWithDirectRoles(EventType type, String userId, long version, String role, int precedence,
                                              String otherRole, int otherPrecedence) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode().put("userName", userId + "@example.com").put("active", true);
        ProvisioningEvent event = ProvisioningEvent.of(TENANT, type, "User", userId, version, resource, NOW);
        ArrayNode roles = ((ObjectNode) event.data()).putArray("directRoles");
        roles.addObject().put("role", role).put("precedence", precedence);
        roles.addObject().put("role", otherRole).put("precedence", otherPrecedence);
        return event.toCloudEvent().toString();
    }

    private static String roleOfferChanged(String role, boolean offered, long version) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("tenantId", TENANT)
                .put("role", role).put("offered", offered).put("version", version);
        return ProvisioningEvent.withData(TENANT, EventType.ROLE_OFFER_CHANGED, "Roles/" + role, data, NOW)
                .toCloudEvent().toString();
    }

    private static String userWithDirectRoles(EventType type, String userId, long version, String role, int precedence) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode().put("userName", userId + "@example.com").put("active", true);
        ProvisioningEvent event = ProvisioningEvent.of(TENANT, type, "User", userId, version, resource, NOW);
        ((ObjectNode) event.data()).putArray("directRoles").addObject().put("role", role).put("precedence", precedence);
        return event.toCloudEvent().toString();
    }

    private static String directRolesSettingChanged(boolean authoritative, long version) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("tenantId", TENANT)
                .put("directRolesAuthoritative", authoritative).put("version", version);
        return ProvisioningEvent.withData(TENANT, EventType.DIRECT_ROLES_SETTING_CHANGED, "Tenants/" + TENANT, data, NOW)
                .toCloudEvent().toString();
    }

    private void consume(String cloudEvent) {
        DetachedKafkaRoutes.consume(template, DetachedKafkaRoutes.ROLE_MAPPING_INPUT, cloudEvent);
    }

    /** A poll's events applied together, without the consumer's fall-back to one event at a time should that fail. */
    private void applyAsOnePoll(String... cloudEvents) {
        template.requestBody("direct:role-mapping-apply", List.of(cloudEvents));
    }

    private String user() {
        return UUID.randomUUID().toString();
    }

    private String group() {
        return UUID.randomUUID().toString();
    }

    /** The events that put these users in the group: the role mapping knows only what events tell. */
    private void addMembers(String groupId, String... userIds) {
        consume(membersEvent(EventType.GROUP_MEMBERS_ADDED, groupId, userIds));
    }

    private void map(String groupId, String role) {
        consume(mappingChanged(groupId, role));
    }

    private static ObjectNode membersData(String groupId, String... userIds) {
        return membersData(groupId, VERSION.incrementAndGet(), userIds);
    }

    private static ObjectNode membersData(String groupId, long version, String... userIds) {
        ObjectNode data = ProvisioningEvent.data(TENANT, "Group", groupId, version);
        ArrayNode members = data.putArray("members");
        for (String userId : userIds) {
            members.addObject().put("value", userId);
        }
        return data;
    }

    private static String membersEvent(EventType type, String groupId, String... userIds) {
        return membersEvent(type, groupId, VERSION.incrementAndGet(), userIds);
    }

    private static String membersEvent(EventType type, String groupId, long version, String... userIds) {
        return ProvisioningEvent.withData(TENANT, type, "Groups/" + groupId, membersData(groupId, version, userIds), NOW)
                .toCloudEvent().toString();
    }

    private static String userCreated(String userId) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode().put("userName", userId + "@example.com").put("active", true);
        return ProvisioningEvent.of(TENANT, EventType.USER_CREATED, "User", userId, 1, resource, NOW)
                .toCloudEvent().toString();
    }

    private static String mappingChanged(String groupId, String role) {
        return mappingChanged(groupId, role, VERSION.incrementAndGet());
    }

    private static String mappingChanged(String groupId, String role, long version) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("tenantId", TENANT);
        data.put("resourceType", "GroupMapping");
        data.put("id", groupId);
        data.put("version", version);
        data.put("role", role);
        if (role != null) {
            data.put("precedence", switch (role) {
                case "Administrator" -> 400;
                case "Manager" -> 300;
                case "User" -> 200;
                default -> 100;
            });
        }
        return ProvisioningEvent.withData(TENANT, EventType.GROUP_MAPPING_CHANGED, "Groups/" + groupId, data, NOW)
                .toCloudEvent().toString();
    }

    private static String defaultRoleChanged(String role) {
        return defaultRoleChanged(role, VERSION.incrementAndGet());
    }

    private static String defaultRoleChanged(String role, long version) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("tenantId", TENANT).put("role", role)
                .put("version", version);
        return ProvisioningEvent.withData(TENANT, EventType.DEFAULT_ROLE_CHANGED, "Tenants/" + TENANT, data, NOW)
                .toCloudEvent().toString();
    }

    private String roleOf(String userId) {
        return jdbc.queryForObject("select role from account_access where tenant_id = ? and user_id = ?",
                String.class, TENANT, userId);
    }

    private Map<String, Object> accessRow(String userId) {
        return jdbc.queryForMap("select * from account_access where tenant_id = ? and user_id = ?", TENANT, userId);
    }

    private List<Map<String, Object>> allAccessRows() {
        return jdbc.queryForList("select * from account_access order by tenant_id, user_id");
    }
}
