package com.reftab.scim.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.database.Migrations;
import com.reftab.scim.protocol.UserSchema;
import com.unboundid.scim2.common.filters.Filter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The SQL translation selects exactly the users the in-memory evaluator selects, for generated
 * users and generated filters over every operator, value filters, and/or/not.
 */
class FilterTranslationProperties {

    private static final String ENTERPRISE = UserSchema.ENTERPRISE;
    private static final List<String> WORDS = List.of("ann", "Ann", "ANN", "an", "bob", "b1", "zed", "", "nn");
    private static final List<String> STRING_PATHS = List.of("userName", "displayName", "nickName", "title",
            "name.givenName", "name.familyName", "emails.value", "emails", "emails.type", "externalId",
            ENTERPRISE + ":employeeNumber", ENTERPRISE + ":department", ENTERPRISE + ":manager.value");
    private static final List<String> STRING_OPS = List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

    private static final ScimFilterEvaluator EVALUATOR = new ScimFilterEvaluator(UserSchema.SCHEMA);
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final Map<Class<?>, JdbcTemplate> DATABASES = new ConcurrentHashMap<>();

    /** The database the translation runs on; one per test class, migrated once. */
    DataSource dataSource() {
        return new DriverManagerDataSource("jdbc:h2:mem:filter-properties;DB_CLOSE_DELAY=-1;"
                + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }

    private JdbcTemplate jdbc() {
        return DATABASES.computeIfAbsent(getClass(), type -> {
            DataSource dataSource = dataSource();
            Migrations.migrate(dataSource);
            return new JdbcTemplate(dataSource);
        });
    }

    /** Users are stored as the service stores them: every user has {@code active}, true unless sent. */
    @Property(tries = 300)
    void sqlSelectsExactlyTheUsersTheEvaluatorSelects(@ForAll("users") List<ObjectNode> users,
                                                      @ForAll("filters") String filter) {
        Tenant tenant = newTenant();
        Filter parsed = parse(filter);
        Set<String> expected = new HashSet<>();
        for (ObjectNode attributes : users) {
            ObjectNode canonical = storedForm(attributes);
            StoredUser user = new StoredUser(tenant.id(), UUID.randomUUID().toString(), canonical, 1, Instant.now(), Instant.now());
            tenant.directory().insert(user);
            if (EVALUATOR.matches(parsed, canonical)) {
                expected.add(user.id());
            }
        }

        assertSelects(tenant, filter, expected);
    }

    /**
     * The same after each user was first stored with other attributes and then changed: an update
     * writes only the value rows that changed, and what it leaves must select as a fresh insert would.
     */
    @Property(tries = 200)
    void afterAChangeSqlSelectsExactlyTheUsersTheEvaluatorSelects(@ForAll("users") List<ObjectNode> users,
                                                                  @ForAll("users") List<ObjectNode> earlier,
                                                                  @ForAll("filters") String filter) {
        Tenant tenant = newTenant();
        Filter parsed = parse(filter);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            ObjectNode now = storedForm(users.get(i));
            ObjectNode before = earlier.isEmpty() ? now.deepCopy() : storedForm(earlier.get(i % earlier.size()));
            before.set("userName", now.get("userName"));
            String id = UUID.randomUUID().toString();
            StoredUser first = new StoredUser(tenant.id(), id, before, 1, Instant.now(), Instant.now());
            tenant.directory().insert(first);
            tenant.directory().update(new StoredUser(tenant.id(), id, now, 2, first.created(), Instant.now()));
            if (EVALUATOR.matches(parsed, now)) {
                expected.add(id);
            }
        }

        assertSelects(tenant, filter, expected);
    }

    private record Tenant(String id, UserDirectory directory) {
    }

    private Tenant newTenant() {
        JdbcTemplate jdbc = jdbc();
        String tenant = "filter-" + TENANTS.incrementAndGet();
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", tenant, tenant, Timestamp.from(Instant.now()));
        return new Tenant(tenant, new UserDirectory(jdbc, new ObjectMapper()));
    }

    private static void assertSelects(Tenant tenant, String filter, Set<String> expected) {
        List<String> selected = tenant.directory().listing(tenant.id()).page(UserDirectory.FILTERS.translate(filter), null, 0, 1000)
                .stream().map(StoredUser::id).toList();

        assertThat(selected).as(filter).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(tenant.directory().listing(tenant.id()).count(UserDirectory.FILTERS.translate(filter))).isEqualTo(expected.size());
    }

    /** As the service stores a user: canonical, with {@code active} true unless sent. */
    private static ObjectNode storedForm(ObjectNode attributes) {
        ObjectNode canonical = UserSchema.SCHEMA.canonicalize(attributes);
        if (!canonical.has("active")) {
            canonical.put("active", true);
        }
        return canonical;
    }

    private static Filter parse(String filter) {
        try {
            return Filter.fromString(filter);
        } catch (Exception e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    @Provide
    Arbitrary<List<ObjectNode>> users() {
        return user().list().ofMaxSize(12).map(FilterTranslationProperties::uniqueUserNames);
    }

    private static List<ObjectNode> uniqueUserNames(List<ObjectNode> users) {
        Set<String> seen = new HashSet<>();
        List<ObjectNode> unique = new ArrayList<>();
        for (ObjectNode user : users) {
            if (seen.add(user.get("userName").asText().toLowerCase(Locale.ROOT))) {
                unique.add(user);
            }
        }
        return unique;
    }

    private Arbitrary<ObjectNode> user() {
        Arbitrary<String> word = Arbitraries.of(WORDS);
        Arbitrary<String> optionalWord = word.injectNull(0.3);
        Arbitrary<ObjectNode> email = Combinators.combine(word, Arbitraries.of("work", "home", "Work").injectNull(0.2),
                Arbitraries.of(true, false).injectNull(0.5)).as((value, type, primary) -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode().put("value", value + "@x.io");
                    if (type != null) {
                        node.put("type", type);
                    }
                    if (primary != null) {
                        node.put("primary", primary);
                    }
                    return node;
                });
        return Combinators.combine(
                Combinators.combine(Arbitraries.of("ann", "bob", "cy"), Arbitraries.integers().between(0, 3), optionalWord,
                        optionalWord, optionalWord).as((base, n, displayName, nickName, title) -> {
                            ObjectNode node = JsonNodeFactory.instance.objectNode().put("userName", base + n);
                            putIfPresent(node, "displayName", displayName);
                            putIfPresent(node, "nickName", nickName);
                            putIfPresent(node, "title", title);
                            return node;
                        }),
                optionalWord, optionalWord, email.list().ofMaxSize(3), Arbitraries.of(true, false).injectNull(0.3),
                optionalWord, Combinators.combine(optionalWord, optionalWord, optionalWord).as((number, department, manager) -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    putIfPresent(node, "employeeNumber", number);
                    putIfPresent(node, "department", department);
                    if (manager != null) {
                        node.putObject("manager").put("value", manager);
                    }
                    return node;
                })).as((base, givenName, familyName, emails, active, externalId, enterprise) -> {
                    if (givenName != null || familyName != null) {
                        ObjectNode name = base.putObject("name");
                        putIfPresent(name, "givenName", givenName);
                        putIfPresent(name, "familyName", familyName);
                    }
                    if (!emails.isEmpty()) {
                        base.putArray("emails").addAll(emails);
                    }
                    if (active != null) {
                        base.put("active", active);
                    }
                    putIfPresent(base, "externalId", externalId);
                    if (!enterprise.isEmpty()) {
                        base.set(ENTERPRISE, enterprise);
                    }
                    return base;
                });
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    @Provide
    Arbitrary<String> filters() {
        return filter(3);
    }

    private Arbitrary<String> filter(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(stringComparison(), booleanComparison(), presence(), emailValueFilter());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> smaller = Arbitraries.lazy(() -> filter(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(2, Combinators.combine(smaller, smaller).as((a, b) -> "(" + a + ") and (" + b + ")")),
                net.jqwik.api.Tuple.of(2, Combinators.combine(smaller, smaller).as((a, b) -> "(" + a + ") or (" + b + ")")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(smaller, smaller, smaller)
                        .as((a, b, c) -> a + " or " + b + " and " + c)),
                net.jqwik.api.Tuple.of(1, smaller.map(a -> "not (" + a + ")")));
    }

    private Arbitrary<String> stringComparison() {
        return Combinators.combine(Arbitraries.of(STRING_PATHS), Arbitraries.of(STRING_OPS), Arbitraries.of(WORDS))
                .as((path, op, word) -> path + " " + op + " \"" + literal(path, word) + "\"");
    }

    private static String literal(String path, String word) {
        return path.startsWith("emails") && !path.endsWith("type") && !word.isEmpty() ? word + "@x.io" : word;
    }

    private Arbitrary<String> booleanComparison() {
        return Combinators.combine(Arbitraries.of("active", "emails.primary"), Arbitraries.of("eq", "ne"),
                Arbitraries.of("true", "false")).as((path, op, value) -> path + " " + op + " " + value);
    }

    private Arbitrary<String> presence() {
        return Arbitraries.of("userName", "displayName", "title", "name", "name.givenName", "emails", "emails.type",
                "emails.primary", "active", "externalId", ENTERPRISE + ":department", ENTERPRISE + ":manager")
                .map(path -> path + " pr");
    }

    private Arbitrary<String> emailValueFilter() {
        Arbitrary<String> inner = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("type", "value"), Arbitraries.of(STRING_OPS), Arbitraries.of(WORDS))
                        .as((sub, op, word) -> sub + " " + op + " \"" + (sub.equals("value") && !word.isEmpty() ? word + "@x.io" : word) + "\""),
                Arbitraries.of("primary eq true", "primary eq false", "type pr", "primary pr", "not (type eq \"work\")"));
        return Combinators.combine(inner, inner, Arbitraries.of(" and ", " or "))
                .as((a, b, joint) -> "emails[" + a + joint + b + "]");
    }
}
