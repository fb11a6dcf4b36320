package com.reftab.scim.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.database.Migrations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A user's value rows (what filters and sorts read beside scim_user's columns) are written only
 * where a change touches them. Each row is written into three indexes; Okta's deactivation and
 * profile pushes change one or two attributes. H2's row ids tell a row kept from one written again.
 */
class UserValueRowsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static JdbcTemplate jdbc;

    private final UserDirectory users = new UserDirectory(jdbc, MAPPER);
    private final String tenant = "t-" + UUID.randomUUID();
    private final String id = UUID.randomUUID().toString();

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:user-value-rows;DB_CLOSE_DELAY=-1;"
                + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        Migrations.migrate(dataSource);
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void tenant() {
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", tenant, tenant, Timestamp.from(NOW));
    }

    @Test
    void attributesKeptInColumnsHaveNoValueRows() {
        users.insert(user(1, attributes("Ann Lee", true)));

        assertThat(rowIds().keySet()).doesNotContain("username/0", "externalid/0", "active/0")
                .contains("displayname/0", "emails.value/0", "name.givenname/0");
    }

    @Test
    void aDeactivationWritesNoValueRow() {
        users.insert(user(1, attributes("Ann Lee", true)));
        Map<String, Long> before = rowIds();

        users.update(user(2, attributes("Ann Lee", false)));

        assertThat(rowIds()).isEqualTo(before);
        assertThat(count("active eq false")).isEqualTo(1);
    }

    @Test
    void aChangedNameWritesThatRowAlone() {
        users.insert(user(1, attributes("Ann Lee", true)));
        Map<String, Long> before = rowIds();

        users.update(user(2, attributes("Ann Smith", true)));

        Map<String, Long> after = rowIds();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(written(before, after)).containsExactly("displayname/0");
        assertThat(count("displayName eq \"ann smith\"")).isEqualTo(1);
        assertThat(count("displayName eq \"Ann Lee\"")).isZero();
    }

    @Test
    void aRemovedEmailTakesItsRowsAndANewOneBringsThem() {
        ObjectNode two = attributes("Ann Lee", true);
        two.withArray("emails").addObject().put("value", "ann@home.example").put("type", "home");
        users.insert(user(1, two));

        users.update(user(2, attributes("Ann Lee", true)));

        assertThat(rowIds().keySet()).noneMatch(row -> row.endsWith("/1"));
        assertThat(count("emails.value eq \"ann@home.example\"")).isZero();
        assertThat(count("emails.value eq \"ann@work.example\"")).isEqualTo(1);
    }

    @Test
    void rowsAnEarlierVersionWroteOtherwiseArePutRightByTheNextChange() {
        users.insert(user(1, attributes("Ann Lee", true)));
        // As earlier versions left them: a row for a column's attribute, a key computed otherwise.
        jdbc.update("insert into scim_user_value (tenant_id, resource_id, attribute, position, text_value, text_key)"
                + " values (?, ?, 'username', 0, 'ann@work.example', 'ann@work.example')", tenant, id);
        jdbc.update("update scim_user_value set text_key = 'stale' where resource_id = ? and attribute = 'name.familyname'", id);

        users.update(user(2, attributes("Ann Smith", true)));

        assertThat(rows(id)).isEqualTo(rowsOfAFreshInsert(attributes("Ann Smith", true)));
    }

    private StoredUser user(long version, ObjectNode attributes) {
        return new StoredUser(tenant, id, attributes, version, NOW, NOW.plusSeconds(version));
    }

    private static ObjectNode attributes(String displayName, boolean active) {
        ObjectNode user = MAPPER.createObjectNode().put("userName", "ann@work.example").put("externalId", "00u1")
                .put("displayName", displayName).put("active", active);
        user.putObject("name").put("givenName", "Ann").put("familyName", "Lee");
        user.putArray("emails").addObject().put("value", "ann@work.example").put("type", "work").put("primary", true);
        return user;
    }

    private long count(String filter) {
        return users.listing(tenant).count(UserDirectory.FILTERS.translate(filter));
    }

    /** The rows ("attribute/position") that are new or were written again since {@code before}. */
    private static List<String> written(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(row -> !row.getValue().equals(before.get(row.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    /** Each value row ("attribute/position") with H2's id of the row: a row written again gets a new one. */
    private Map<String, Long> rowIds() {
        return jdbc.query("select attribute, position, _rowid_ as row_id from scim_user_value where tenant_id = ? and resource_id = ?",
                rs -> {
                    Map<String, Long> rows = new TreeMap<>();
                    while (rs.next()) {
                        rows.put(rs.getString("attribute") + "/" + rs.getInt("position"), rs.getLong("row_id"));
                    }
                    return rows;
                }, tenant, id);
    }

    private List<Map<String, Object>> rowsOfAFreshInsert(ObjectNode attributes) {
        String twin = UUID.randomUUID().toString();
        users.insert(new StoredUser(tenant, twin, attributes.put("userName", "twin@work.example")
                .put("externalId", "00u2"), 1, NOW, NOW));
        return rows(twin);
    }

    private List<Map<String, Object>> rows(String userId) {
        return jdbc.queryForList("select attribute, position, text_value, text_key, boolean_value from scim_user_value"
                + " where tenant_id = ? and resource_id = ? order by attribute, position", tenant, userId);
    }
}
