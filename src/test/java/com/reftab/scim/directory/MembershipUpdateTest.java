package com.reftab.scim.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.reftab.scim.directory.MembershipUpdate.Delta;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.patch.MemberOperation;
import com.reftab.scim.protocol.patch.MemberOperation.Add;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import com.reftab.scim.protocol.patch.MemberOperation.Remove;
import com.reftab.scim.protocol.patch.MemberOperation.RemoveAll;
import com.reftab.scim.protocol.patch.MemberOperation.ReplaceAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:membership-update;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/membership-update"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({GroupDirectory.class, IdLookup.class, MembershipUpdate.class})
class MembershipUpdateTest {

    private static final Instant NOW = Instant.parse("2025-04-01T09:00:00Z");

    @Autowired
    MembershipUpdate membership;

    @Autowired
    GroupDirectory groups;

    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "t-" + UUID.randomUUID();
    private final String groupId = UUID.randomUUID().toString();

    @BeforeEach
    void tenantWithOneGroup() {
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", tenant, "Test", Timestamp.from(NOW));
        groups.insert(new StoredGroup(tenant, groupId, "Engineering", null, 1, NOW, NOW));
    }

    @Test
    void addingAMemberWhoIsThereAlreadyChangesNothing() {
        String ann = user(tenant);
        addMembers(ann);

        Delta delta = membership.apply(tenant, groupId, List.of(new Add(List.of(new Member(ann, "Ann")))));

        assertThat(delta.isEmpty()).isTrue();
        assertThat(groups.memberIds(tenant, groupId)).containsExactly(ann);
    }

    @Test
    void removingAMemberWhoIsNotThereChangesNothing() {
        String ann = user(tenant);
        String bob = user(tenant);
        addMembers(ann);

        Delta delta = membership.apply(tenant, groupId, List.of(new Remove(Set.of(bob))));

        assertThat(delta.isEmpty()).isTrue();
        assertThat(groups.memberIds(tenant, groupId)).containsExactly(ann);
    }

    @Test
    void replaceAllReportsExactlyTheMembersAddedAndRemoved() {
        String ann = user(tenant);
        String bob = user(tenant);
        String carol = user(tenant);
        addMembers(ann, bob);

        Delta delta = membership.apply(tenant, groupId,
                List.of(new ReplaceAll(List.of(new Member(bob, null), new Member(carol, "Carol")))));

        assertThat(delta.added()).containsExactly(new Member(carol, "Carol"));
        assertThat(delta.removed()).containsExactly(ann);
        assertThat(groups.memberIds(tenant, groupId)).containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    void removesThenAddAreAppliedInRequestOrder() {
        String ann = user(tenant);
        String bob = user(tenant);
        String carol = user(tenant);
        addMembers(ann, bob);

        Delta delta = membership.apply(tenant, groupId, List.of(
                new Remove(Set.of(ann)), new Remove(Set.of(bob)), new Add(List.of(new Member(carol, null)))));

        assertThat(delta.added()).containsExactly(new Member(carol, null));
        assertThat(delta.removed()).containsExactlyInAnyOrder(ann, bob);
        assertThat(groups.memberIds(tenant, groupId)).containsExactly(carol);
    }

    @Test
    void removeThenAddOfTheSameMemberKeepsThemWithoutAChange() {
        String ann = user(tenant);
        addMembers(ann);

        Delta delta = membership.apply(tenant, groupId, List.of(
                new Remove(Set.of(ann)), new Add(List.of(new Member(ann, null)))));

        assertThat(delta.isEmpty()).isTrue();
        assertThat(groups.memberIds(tenant, groupId)).containsExactly(ann);
    }

    @Test
    void addThenRemoveOfANewMemberInOneRequestLeavesNoTrace() {
        String ann = user(tenant);

        Delta delta = membership.apply(tenant, groupId, List.of(
                new Add(List.of(new Member(ann, null))), new Remove(Set.of(ann))));

        assertThat(delta.isEmpty()).isTrue();
        assertThat(groups.memberIds(tenant, groupId)).isEmpty();
    }

    @Test
    void removeAllEmptiesTheGroup() {
        String ann = user(tenant);
        String bob = user(tenant);
        addMembers(ann, bob);

        Delta delta = membership.apply(tenant, groupId, List.of(new RemoveAll()));

        assertThat(delta.added()).isEmpty();
        assertThat(delta.removed()).containsExactly(ann, bob);
        assertThat(groups.memberIds(tenant, groupId)).isEmpty();
    }

    @Test
    void unknownUserIdIsAnInvalidValueAndNothingIsWritten() {
        String ann = user(tenant);
        String bob = user(tenant);
        addMembers(ann);
        List<MemberOperation> operations = List.of(new Remove(Set.of(ann)),
                new Add(List.of(new Member(bob, null), new Member("no-such-user", null))));

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> membership.apply(tenant, groupId, operations))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
        assertThat(groups.memberIds(tenant, groupId)).containsExactly(ann);
    }

    @Test
    void userOfAnotherTenantIsUnknown() {
        String otherTenant = "t-" + UUID.randomUUID();
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", otherTenant, "Other", Timestamp.from(NOW));
        String stranger = user(otherTenant);
        List<MemberOperation> operations = List.of(new Add(List.of(new Member(stranger, null))));

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> membership.apply(tenant, groupId, operations))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
        assertThat(groups.memberIds(tenant, groupId)).isEmpty();
    }

    private String user(String tenantId) {
        String id = UUID.randomUUID().toString();
        String userName = id + "@example.com";
        jdbc.update("insert into scim_user (tenant_id, id, user_name, user_name_key, active, resource, version,"
                        + " created_at, last_modified) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenantId, id, userName, userName, true, "{}", 1L, Timestamp.from(NOW), Timestamp.from(NOW));
        return id;
    }

    private void addMembers(String... userIds) {
        groups.addMembers(tenant, groupId, Arrays.stream(userIds).map(id -> new Member(id, null)).toList());
    }
}
