package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What ServiceProviderConfig, ResourceTypes and Schemas advertise is what the service does: the
 * walk reads the discovery documents from the running service and holds the service to each
 * attribute they name.
 */
@ScimIntegrationTest
class DiscoveryTellsTheTruthTest {

    @LocalServerPort
    int port;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    HttpCalls scim;
    JsonNode config;
    String tag;

    @BeforeEach
    void readTheConfig() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        config = scim.get("/scim/v2/ServiceProviderConfig").body();
    }

    private String user() {
        return scim.post("/scim/v2/Users", HttpCalls.oktaUser("truth-" + UUID.randomUUID() + "@atko.com", "T", "Ruth"))
                .body().path("id").asText();
    }

    @Test
    void advertisedPatchWorks() {
        assertThat(config.path("patch").path("supported").asBoolean()).isTrue();

        assertThat(scim.patch("/scim/v2/Users/" + user(), HttpCalls.activePatch(false)).status()).isEqualTo(200);
    }

    @Test
    void advertisedFilterWorksAndItsMaxResultsCapsAPage() {
        int maxResults = config.path("filter").path("maxResults").asInt();
        assertThat(config.path("filter").path("supported").asBoolean()).isTrue();

        JsonNode page = scim.get("/scim/v2/Users?filter=userName%20pr&count=" + (maxResults + 50)).body();

        assertThat(page.path("itemsPerPage").asInt()).isLessThanOrEqualTo(maxResults);
    }

    @Test
    void advertisedSortWorks() {
        assertThat(config.path("sort").path("supported").asBoolean()).isTrue();

        assertThat(scim.get("/scim/v2/Users?sortBy=userName&sortOrder=descending").status()).isEqualTo(200);
    }

    @Test
    void advertisedEtagsWork() {
        assertThat(config.path("etag").path("supported").asBoolean()).isTrue();
        HttpCalls.Reply reply = scim.get("/scim/v2/Users/" + user());

        assertThat(reply.header("ETag")).isEqualTo(reply.body().path("meta").path("version").asText()).startsWith("W/");
    }

    @Test
    void advertisedCursorPagingWorks() {
        assertThat(config.path("pagination").path("cursor").asBoolean()).isTrue();

        assertThat(scim.get("/scim/v2/Users?cursor=&count=1").body().has("Resources")).isTrue();
    }

    @Test
    void advertisedBulkWorksWithinItsLimits() {
        assertThat(config.path("bulk").path("supported").asBoolean()).isTrue();
        assertThat(config.path("bulk").path("maxOperations").asInt()).isPositive();

        HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"POST","bulkId":"b1","path":"/Users","data":{"userName":"bulk-truth-%s@atko.com"}}]}
                """.formatted(UUID.randomUUID()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("Operations").get(0).path("status").asText()).isEqualTo("201");
    }

    // ---- the walk: every attribute /Schemas advertises is filterable, every read-only one refuses a PATCH path

    /** One advertised attribute or sub-attribute: its filter path, definition, and the parent's when it is a sub-attribute. */
    private record Advertised(String path, String name, JsonNode definition, Advertised parent, boolean extension) {
        String type() {
            return definition.path("type").asText();
        }

        boolean filterable() {
            return !definition.path("returned").asText().equals("never");
        }
    }

    /** A resource type as /ResourceTypes names it, with every attribute of its schema and extensions. */
    private record ResourceType(String name, String endpoint, List<Advertised> attributes) {

        /** Every attribute advertised read-only: clients only read the type's resources (Roles), never write them. */
        boolean readOnly() {
            return attributes.stream().allMatch(attribute -> !writable(attribute.definition()));
        }
    }

    private List<ResourceType> advertisedResourceTypes() {
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode type : scim.get("/scim/v2/ResourceTypes").body().path("Resources")) {
            List<Advertised> attributes = new ArrayList<>();
            walk(schema(type.path("schema").asText()).path("attributes"), "", null, false, attributes);
            for (JsonNode extension : type.path("schemaExtensions")) {
                String urn = extension.path("schema").asText();
                walk(schema(urn).path("attributes"), urn + ":", null, true, attributes);
            }
            types.add(new ResourceType(type.path("name").asText(), "/scim/v2" + type.path("endpoint").asText(), attributes));
        }
        return types;
    }

    private JsonNode schema(String urn) {
        HttpCalls.Reply reply = scim.get("/scim/v2/Schemas/" + urn);
        assertThat(reply.status()).as(urn).isEqualTo(200);
        return reply.body();
    }

    private static void walk(JsonNode definitions, String prefix, Advertised parent, boolean extension, List<Advertised> out) {
        for (JsonNode definition : definitions) {
            String name = definition.path("name").asText();
            Advertised attribute = new Advertised(prefix + name, name, definition, parent, extension);
            out.add(attribute);
            walk(definition.path("subAttributes"), prefix + name + ".", attribute, extension, out);
        }
    }

    /**
     * A value for every writable attribute of a schema, from its definition alone: strings unique to
     * this run (a canonical value where there are some), {@code true}, a URL, base64; a complex
     * attribute whose {@code $ref} names a resource type gets that resource's id as its {@code value}.
     */
    private ObjectNode valuesFor(List<Advertised> attributes, Map<String, String> idsByType) {
        ObjectNode resource = JSON.objectNode();
        for (Advertised attribute : attributes) {
            if (attribute.parent() != null || !writable(attribute.definition())) {
                continue;
            }
            ObjectNode container = resource;
            String name = attribute.name();
            if (attribute.extension()) {
                String urn = attribute.path().substring(0, attribute.path().length() - name.length() - 1);
                container = resource.has(urn) ? (ObjectNode) resource.get(urn) : resource.putObject(urn);
            }
            JsonNode value = valueFor(attribute.definition(), idsByType);
            if (!attribute.extension() && name.equals("roles")) {
                // A role must be one the tenant offers (its id, as /Roles lists it): User is every tenant's standard role.
                ((ObjectNode) value).put("value", "User").put("display", "User");
            }
            container.set(name, attribute.definition().path("multiValued").asBoolean() ? JSON.arrayNode().add(value) : value);
        }
        return resource;
    }

    private static boolean writable(JsonNode definition) {
        String mutability = definition.path("mutability").asText();
        return !mutability.equals("readOnly");
    }

    private JsonNode valueFor(JsonNode definition, Map<String, String> idsByType) {
        String name = definition.path("name").asText();
        switch (definition.path("type").asText()) {
            case "complex" -> {
                ObjectNode value = JSON.objectNode();
                String referenced = null;
                for (JsonNode sub : definition.path("subAttributes")) {
                    if (sub.path("type").asText().equals("reference")) {
                        for (JsonNode type : sub.path("referenceTypes")) {
                            referenced = idsByType.containsKey(type.asText()) ? idsByType.get(type.asText()) : referenced;
                        }
                    }
                }
                for (JsonNode sub : definition.path("subAttributes")) {
                    if (!writable(sub)) {
                        continue;
                    }
                    boolean id = sub.path("name").asText().equals("value") && referenced != null;
                    value.set(sub.path("name").asText(), id ? JSON.textNode(referenced) : valueFor(sub, idsByType));
                }
                return value;
            }
            case "boolean" -> {
                return JSON.booleanNode(true);
            }
            case "reference" -> {
                return JSON.textNode("https://walk.example/" + tag + "/" + name);
            }
            case "binary" -> {
                return JSON.textNode(Base64.getEncoder().encodeToString((tag + name).getBytes(StandardCharsets.UTF_8)));
            }
            default -> {
                JsonNode canonical = definition.path("canonicalValues");
                return JSON.textNode(canonical.isEmpty() ? "walk-" + tag + "-" + name : canonical.get(0).asText());
            }
        }
    }

    /** The value the resource holds at an attribute path (a multi-valued attribute's first element), or null. */
    private static JsonNode valueAt(JsonNode resource, Advertised attribute) {
        if (attribute.parent() != null) {
            JsonNode parent = valueAt(resource, attribute.parent());
            return parent == null ? null : parent.get(attribute.name());
        }
        JsonNode container = resource;
        if (attribute.extension()) {
            container = resource.path(attribute.path().substring(0, attribute.path().length() - attribute.name().length() - 1));
        }
        JsonNode value = container.get(attribute.name());
        if (value != null && value.isArray()) {
            return value.isEmpty() ? null : value.get(0);
        }
        return value;
    }

    /**
     * A User carrying a value for each of its attributes, and a Group that has it as its member (its {@code groups});
     * of a read-only type, one the service has that carries every top-level attribute (a Role).
     */
    private Map<String, JsonNode> resourcesCarryingEveryAttribute(List<ResourceType> types) {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, JsonNode> created = new LinkedHashMap<>();
        for (ResourceType type : types) {
            if (type.readOnly()) {
                ids.put(type.name(), existingCarryingEveryAttribute(type));
                continue;
            }
            ObjectNode body = valuesFor(type.attributes(), ids);
            HttpCalls.Reply reply = scim.post(type.endpoint(), body.toString());
            assertThat(reply.status()).as("create a %s carrying %s: %s", type.name(), body, reply.body()).isEqualTo(201);
            ids.put(type.name(), reply.body().path("id").asText());
        }
        for (ResourceType type : types) {
            created.put(type.name(), scim.get(type.endpoint() + "/" + query(ids.get(type.name()))).body());
        }
        return created;
    }

    private String existingCarryingEveryAttribute(ResourceType type) {
        String every = String.join(" and ", type.attributes().stream().filter(a -> a.parent() == null)
                .map(a -> a.path() + " pr").toList());
        JsonNode page = scim.get(type.endpoint() + "?count=1&filter=" + query(every)).body();
        assertThat(page.path("Resources")).as("%s: a resource with every attribute (%s)", type.name(), page).isNotEmpty();
        return page.path("Resources").get(0).path("id").asText();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String literal(JsonNode value) {
        return value.toString();
    }

    private List<String> found(ResourceType type, String filter, String id) {
        HttpCalls.Reply reply = scim.get(type.endpoint() + "?filter=" + query("(" + filter + ") and id eq \"" + id + "\""));
        assertThat(reply.status()).as("%s %s: %s", type.name(), filter, reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.body().path("Resources").forEach(resource -> ids.add(resource.path("id").asText()));
        return ids;
    }

    /**
     * Filterable is every advertised attribute but those {@code returned: never} (the password): a
     * simple one with {@code eq} its value (and {@code eq} another value finds nothing, the value in
     * other letter case only where it is advertised {@code caseExact: false}), a complex
     * one with {@code pr}, its sub-attributes each in turn, extension attributes by their URN path.
     */
    @Test
    void everyAdvertisedAttributeFindsAResourceCarryingIt() {
        List<ResourceType> types = advertisedResourceTypes();
        Map<String, JsonNode> resources = resourcesCarryingEveryAttribute(types);
        int checked = 0;
        for (ResourceType type : types) {
            JsonNode resource = resources.get(type.name());
            String id = resource.path("id").asText();
            for (Advertised attribute : type.attributes()) {
                if (!attribute.filterable()) {
                    continue;
                }
                JsonNode value = valueAt(resource, attribute);
                assertThat(value).as("%s %s: advertised, yet the resource carries no value for it: %s", type.name(),
                        attribute.path(), resource).isNotNull();
                if (attribute.type().equals("complex")) {
                    assertThat(found(type, attribute.path() + " pr", id)).as(type.name() + " " + attribute.path() + " pr")
                            .containsExactly(id);
                } else {
                    assertThat(found(type, attribute.path() + " eq " + literal(value), id))
                            .as(type.name() + " " + attribute.path() + " eq " + value).containsExactly(id);
                    JsonNode other = value.isBoolean() ? JSON.booleanNode(!value.booleanValue())
                            : JSON.textNode(value.asText() + "-other");
                    assertThat(found(type, attribute.path() + " eq " + literal(other), id))
                            .as(type.name() + " " + attribute.path() + " eq " + other).isEmpty();
                    if (value.isTextual() && !swapCase(value.asText()).equals(value.asText())) {
                        boolean caseExact = attribute.definition().path("caseExact").asBoolean();
                        JsonNode swapped = JSON.textNode(swapCase(value.asText()));
                        assertThat(found(type, attribute.path() + " eq " + literal(swapped), id))
                                .as(type.name() + " " + attribute.path() + " eq " + swapped + " (caseExact " + caseExact + ")")
                                .hasSize(caseExact ? 0 : 1);
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    private static String swapCase(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.appendCodePoint(
                Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
        return out.toString();
    }

    /** RFC 7644 §3.5.2: a PATCH path to a read-only attribute, or to an immutable one that has its value, is 400 mutability. */
    @Test
    void everyAdvertisedReadOnlyOrImmutableAttributeRefusesAPatchPathToIt() {
        List<ResourceType> types = advertisedResourceTypes();
        Map<String, JsonNode> resources = resourcesCarryingEveryAttribute(types);
        int checked = 0;
        for (ResourceType type : types) {
            JsonNode resource = resources.get(type.name());
            String location = type.endpoint() + "/" + query(resource.path("id").asText());
            for (Advertised attribute : type.attributes()) {
                String mutability = attribute.definition().path("mutability").asText();
                if (!mutability.equals("readOnly") && !mutability.equals("immutable")) {
                    continue;
                }
                JsonNode value = valueAt(resource, attribute);
                List<String> operations = new ArrayList<>(List.of(
                        operation("replace", attribute.path(), value), operation("remove", attribute.path(), null)));
                if (mutability.equals("readOnly")) {
                    operations.add(operation("add", attribute.path(), value));
                }
                for (String operation : operations) {
                    HttpCalls.Reply reply = scim.patch(location, """
                            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[%s]}
                            """.formatted(operation));
                    if (type.readOnly()) {
                        // The whole resource is read-only: the method itself is refused.
                        assertThat(reply.status()).as("%s %s", type.name(), operation).isEqualTo(405);
                        assertThat(reply.header("Allow")).as("%s %s", type.name(), operation).isEqualTo("GET");
                    } else {
                        assertThat(reply.status()).as("%s %s", type.name(), operation).isEqualTo(400);
                        assertThat(reply.body().path("scimType").asText()).as("%s %s", type.name(), operation)
                                .isEqualTo("mutability");
                    }
                    checked++;
                }
            }
            assertThat(scim.get(location).body().path("meta").path("version").asText())
                    .as(type.name() + " unchanged").isEqualTo(resource.path("meta").path("version").asText());
        }
        assertThat(checked).isGreaterThanOrEqualTo(5 * 3 + 4 * 2);
    }

    private static String operation(String op, String path, JsonNode value) {
        ObjectNode operation = JSON.objectNode().put("op", op).put("path", path);
        if (value != null) {
            operation.set("value", value);
        }
        return operation.toString();
    }

    /**
     * {@code uniqueness: server}: a second resource with the value of the first is 409 uniqueness,
     * and with {@code none} it is created; {@code required: true}: a resource without the value is
     * 400. Checked for every writable top-level attribute.
     */
    @Test
    void everyAdvertisedUniquenessAndRequiredIsWhatTheServiceEnforces() {
        List<ResourceType> types = advertisedResourceTypes();
        Map<String, JsonNode> resources = resourcesCarryingEveryAttribute(types);
        Map<String, String> ids = new LinkedHashMap<>();
        resources.forEach((type, resource) -> ids.put(type, resource.path("id").asText()));
        int checked = 0;
        for (ResourceType type : types) {
            for (Advertised attribute : type.attributes()) {
                if (attribute.parent() != null || attribute.extension()) {
                    continue;
                }
                tag = UUID.randomUUID().toString().substring(0, 8);
                JsonNode existing = resources.get(type.name()).get(attribute.name());
                if (writable(attribute.definition()) && existing != null) {
                    ObjectNode duplicate = valuesFor(type.attributes(), ids);
                    duplicate.set(attribute.name(), existing);
                    HttpCalls.Reply reply = scim.post(type.endpoint(), duplicate.toString());
                    if (attribute.definition().path("uniqueness").asText().equals("none")) {
                        assertThat(reply.status()).as(type.name() + " duplicate " + attribute.path() + ": " + reply.body())
                                .isEqualTo(201);
                    } else {
                        assertThat(reply.status()).as(type.name() + " duplicate " + attribute.path()).isEqualTo(409);
                        assertThat(reply.body().path("scimType").asText()).as(type.name() + " " + attribute.path())
                                .isEqualTo("uniqueness");
                    }
                    checked++;
                }
                if (attribute.definition().path("required").asBoolean() && type.readOnly()) {
                    HttpCalls.Reply reply = scim.post(type.endpoint(), valuesFor(type.attributes(), ids).toString());
                    assertThat(reply.status()).as(type.name() + " is created by no one over SCIM").isEqualTo(405);
                    checked++;
                } else if (attribute.definition().path("required").asBoolean()) {
                    ObjectNode without = valuesFor(type.attributes(), ids);
                    without.remove(attribute.name());
                    HttpCalls.Reply reply = scim.post(type.endpoint(), without.toString());
                    assertThat(reply.status()).as(type.name() + " without " + attribute.path()).isEqualTo(400);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    /** {@code id} and {@code meta} are common to every resource (RFC 7643 §3.1), read-only, and not in /Schemas. */
    @Test
    void aPatchPathToIdOrMetaIsRefused() {
        String id = user();
        for (String path : List.of("id", "meta", "meta.lastModified", "urn:ietf:params:scim:schemas:core:2.0:User:id")) {
            HttpCalls.Reply reply = scim.patch("/scim/v2/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"replace","path":"%s","value":"x"}]}
                    """.formatted(path));
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.body().path("scimType").asText()).as(path).isEqualTo("mutability");
        }
    }

    @Test
    void oktasGroupReconcileStillSendsTheGroupsOwnIdInAPathlessValue() {
        String group = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"reconcile-%s"}
                """.formatted(tag)).body().path("id").asText();

        HttpCalls.Reply reply = scim.patch("/scim/v2/Groups/" + group, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"id":"%s","displayName":"reconciled-%s"}}]}
                """.formatted(group, tag));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(scim.get("/scim/v2/Groups/" + group).body().path("displayName").asText()).isEqualTo("reconciled-" + tag);
    }

    // ---- a User's groups are its memberships, whichever form the filter takes

    @Test
    void aFilterOnAUsersGroupsFindsTheGroupsMembers() {
        String member = user();
        String outsider = user();
        String group = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Walk %s","members":[{"value":"%s"}]}
                """.formatted(tag, member)).body().path("id").asText();
        String both = "(id eq \"" + member + "\" or id eq \"" + outsider + "\")";

        for (String filter : List.of(
                "groups.value eq \"" + group + "\"",
                "groups.display eq \"walk " + tag.toUpperCase(java.util.Locale.ROOT) + "\"",
                "groups[value eq \"" + group + "\"]",
                "groups[display sw \"Walk\" and value eq \"" + group + "\"]",
                "urn:ietf:params:scim:schemas:core:2.0:User:groups.value eq \"" + group + "\"",
                "groups.$ref eq \"http://localhost/scim/v2/Groups/" + group + "\"",
                "groups.type eq \"direct\"",
                "groups pr",
                "userName pr and groups.value eq \"" + group + "\"",
                "groups.value eq \"nothing\" or groups.value eq \"" + group + "\"",
                "not (groups.value eq \"nothing\") and groups pr")) {
            HttpCalls.Reply reply = scim.get("/scim/v2/Users?filter=" + query(both + " and (" + filter + ")"));
            assertThat(reply.status()).as(filter).isEqualTo(200);
            assertThat(reply.body().path("Resources").findValuesAsText("id")).as(filter).containsExactly(member);
        }
        HttpCalls.Reply negated = scim.get("/scim/v2/Users?filter=" + query(both + " and not (groups.value eq \"" + group + "\")"));
        assertThat(negated.body().path("Resources").findValuesAsText("id")).containsExactly(outsider);
    }

    @Test
    void aValueFilterWithoutItsClosingBracketIsInvalidFilter() {
        HttpCalls.Reply reply = scim.get("/scim/v2/Users?filter=" + query("emails[type eq \"work\""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidFilter");
    }

    @Test
    void aPatchPathWithoutItsClosingBracketIsInvalidPath() {
        HttpCalls.Reply reply = scim.patch("/scim/v2/Users/" + user(), """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"emails[type eq \\"work\\""}]}
                """);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidPath");
    }

    @Test
    void aPatchPathNamingTheEnterpriseExtensionSetsItsAttributes() {
        String id = user();

        HttpCalls.Reply reply = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                                "value":{"department":"Walks","manager":{"value":"m-1"}}}]}
                """);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode enterprise = reply.body().path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(enterprise.path("department").asText()).isEqualTo("Walks");
        assertThat(enterprise.path("manager").path("value").asText()).isEqualTo("m-1");
    }
}
