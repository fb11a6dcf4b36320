package com.reftab.scim.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.filter.FilterLimits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated bad requests for every endpoint, each with the answer it must get. Bodies are made
 * from a valid request of the endpoint, then broken in one way: cut short, invalid UTF-8 bytes,
 * a key twice, nesting past the parser's limit, a value of the wrong JSON type, a missing
 * required value, an unknown schema, a huge array or string.
 */
final class BadRequests {

    static final String SCIM_JSON = "application/scim+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    /** Jackson's default nesting limit is 1000: deeper is not read at all, shallower reaches the service. */
    private static final int PARSER_NESTING_LIMIT = 1000;

    enum Token { SCIM, ADMIN, OPERATOR }

    /** What a request must get. */
    sealed interface Outcome {
        /** A SCIM Error with this status and scimType (null: none defined for it); nothing changes. */
        record Refused(int status, String scimType) implements Outcome {
        }

        /** Valid by RFC 7644 and answered with this status (200 unless said); nothing changes. */
        record Answered(int status) implements Outcome {
            Answered() {
                this(200);
            }
        }

        /** Valid, within every bound (at it, say), and taken: this status, and the directory changes. */
        record Taken(int status) implements Outcome {
        }

        /** A Bulk request read whole, whose every operation is refused on its own (RFC 7644 §3.7.3); nothing changes. */
        record EveryOperationRefused() implements Outcome {
        }
    }

    record BadRequest(String what, Token token, String method, String path, byte[] body, boolean chunked, Outcome outcome) {
        /**
         * The request with the fixture's ids where the generator put {@link #PLACEHOLDERS}, and a new
         * UUID for {@link #UNIQUE} (as long as it, so a body keeps its size).
         */
        BadRequest addressing(Fixture fixture) {
            String unique = UUID.randomUUID().toString();
            return new BadRequest(what, token, method, fixture.fill(path).replace(UNIQUE, unique),
                    body == null ? null : fixture.fill(new String(body, StandardCharsets.ISO_8859_1)).replace(UNIQUE, unique)
                            .getBytes(StandardCharsets.ISO_8859_1),
                    chunked, outcome);
        }

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return what + ": " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
                    + (body == null ? "" : " (" + body.length + " bytes" + (chunked ? ", chunked" : "") + ") " + text)
                    + " → " + outcome;
        }
    }

    /** Resources the generated requests address, made by the test in the running service. */
    record Fixture(String userId, String userName, String groupId) {
        String fill(String text) {
            return text.replace(PLACEHOLDERS.userId(), userId).replace(PLACEHOLDERS.userName(), userName)
                    .replace(PLACEHOLDERS.groupId(), groupId);
        }
    }

    /** What the requests are generated with: the service (and its port) is known only once a try runs. */
    private static final Fixture PLACEHOLDERS = new Fixture("{userId}", "{userName}", "{groupId}");
    /** Stands for a new UUID in each request (a userName that must be new): 36 characters, as a UUID is. */
    static final String UNIQUE = "{" + "u".repeat(34) + "}";

    /** A place in a valid body, the kind of value the service requires there, and the scimType of a wrong one. */
    private record Site(String pointer, Kind kind, String refusedAs) {
        Site(String pointer, Kind kind) {
            this(pointer, kind, "invalidValue");
        }

        boolean holdsText() {
            return kind != Kind.BOOLEAN && kind != Kind.COMPLEX && kind != Kind.MULTI_VALUED && kind != Kind.INTEGER
                    && kind != Kind.SCHEMAS && kind != Kind.NAME_LIST && kind != Kind.ARRAY;
        }
    }

    private enum Kind {
        STRING, REQUIRED_STRING, BOOLEAN, COMPLEX, MULTI_VALUED, INTEGER, SCHEMAS,
        /** A string whose content is checked elsewhere (a filter): only its JSON type is wrong here. */
        TEXT,
        /** Attribute names: an array of strings or a comma list. */
        NAME_LIST,
        /** Structure of a message (PatchOp and Bulk Operations): anything but an array. */
        ARRAY,
        /** A name that must name something that exists (a role, a user). */
        EXISTING_NAME,
        /** An optional attribute path (sortBy): null is its absence, anything else must name an attribute. */
        ATTRIBUTE_PATH,
        /** The name of something new: 1 to 64 characters. */
        NEW_NAME,
        /** A tenant id: 3 to 64 lower-case letters, digits and dashes. */
        TENANT_ID
    }

    /** An endpoint that reads a JSON body, with one valid body and the places type-checked in it. */
    private record BodyEndpoint(Token token, String method, String path, ObjectNode validBody, List<Site> sites) {
        BadRequest with(String what, byte[] body, Outcome outcome) {
            return new BadRequest(what, token, method, path, body, false, outcome);
        }
    }

    private static final Outcome.Refused INVALID_SYNTAX = new Outcome.Refused(400, "invalidSyntax");
    private static final Outcome.Refused INVALID_VALUE = new Outcome.Refused(400, "invalidValue");
    private static final Outcome.Refused INVALID_FILTER = new Outcome.Refused(400, "invalidFilter");
    private static final Outcome.Refused TOO_LARGE = new Outcome.Refused(413, null);
    private static final Outcome.Refused NOT_FOUND = new Outcome.Refused(404, null);

    private final Fixture fixture = PLACEHOLDERS;

    // ---- bodies that are not one well-formed JSON object: 400 invalidSyntax wherever a body is read

    Arbitrary<BadRequest> malformedBodies() {
        return Arbitraries.of(bodyEndpoints()).flatMap(endpoint -> Arbitraries.oneOf(
                truncated(endpoint), invalidUtf8(endpoint), duplicateKey(endpoint), nestedPastTheLimit(endpoint),
                notAnObject(endpoint), trailingContent(endpoint)));
    }

    private Arbitrary<BadRequest> truncated(BodyEndpoint endpoint) {
        byte[] valid = bytes(endpoint.validBody());
        return Arbitraries.integers().between(0, valid.length - 1)
                .map(at -> endpoint.with("cut at byte " + at, Arrays.copyOf(valid, at), INVALID_SYNTAX));
    }

    private Arbitrary<BadRequest> invalidUtf8(BodyEndpoint endpoint) {
        byte[] valid = bytes(endpoint.validBody());
        Arbitrary<byte[]> invalidSequences = Arbitraries.of(
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xBF}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1},
                new byte[] {(byte) 0xF0, 0x28, (byte) 0x8C, 0x28}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        return Combinators.combine(Arbitraries.integers().between(1, valid.length - 1), invalidSequences)
                .as((at, bad) -> endpoint.with("invalid UTF-8 at byte " + at, insert(valid, at, bad), INVALID_SYNTAX));
    }

    private Arbitrary<BadRequest> duplicateKey(BodyEndpoint endpoint) {
        List<JsonPointer> objects = objectsWithFields(endpoint.validBody());
        return Arbitraries.of(objects).flatMap(pointer -> {
            List<String> names = new ArrayList<>();
            endpoint.validBody().at(pointer).fieldNames().forEachRemaining(names::add);
            return Arbitraries.of(names).map(name -> endpoint.with("'" + name + "' twice in " + pointer,
                    withDuplicate(endpoint.validBody(), pointer, name), INVALID_SYNTAX));
        });
    }

    private Arbitrary<BadRequest> nestedPastTheLimit(BodyEndpoint endpoint) {
        return Combinators.combine(Arbitraries.of(endpoint.sites()), Arbitraries.integers().between(PARSER_NESTING_LIMIT + 1, 20_000))
                .as((site, depth) -> endpoint.with("arrays " + depth + " deep at " + site.pointer(),
                        bytesWithRaw(endpoint.validBody(), site.pointer(), "[".repeat(depth) + "]".repeat(depth)),
                        INVALID_SYNTAX));
    }

    private Arbitrary<BadRequest> notAnObject(BodyEndpoint endpoint) {
        return Arbitraries.of("[]", "[" + endpoint.validBody() + "]", "\"" + endpoint.method() + "\"", "42", "null", "true", "",
                        "   ", "{", "}", "{\"schemas\":", "\uFEFF{}x")
                .map(text -> endpoint.with("not an object", text.getBytes(StandardCharsets.UTF_8), INVALID_SYNTAX));
    }

    private Arbitrary<BadRequest> trailingContent(BodyEndpoint endpoint) {
        return Arbitraries.of("}", "{}", "x", "[", ",{}", "\u0000")
                .map(tail -> endpoint.with("trailing " + tail,
                        (endpoint.validBody() + tail).getBytes(StandardCharsets.UTF_8), INVALID_SYNTAX));
    }

    // ---- well-formed JSON the service must refuse: a 400 with the endpoint's scimType, or 413

    Arbitrary<BadRequest> invalidValues() {
        return Arbitraries.of(bodyEndpoints()).flatMap(endpoint -> Arbitraries.oneOf(
                Arbitraries.of(endpoint.sites()).flatMap(site -> wrongValues(site.kind())
                        .map(value -> endpoint.with(site.kind() + " " + site.pointer() + " replaced",
                                bytes(withValue(endpoint.validBody(), site.pointer(), value)),
                                new Outcome.Refused(400, site.refusedAs())))),
                stringsWithNul(endpoint),
                oversized(endpoint)));
    }

    /** Values the service cannot store where a value of that kind is required. */
    private static Arbitrary<JsonNode> wrongValues(Kind kind) {
        Arbitrary<JsonNode> deep = Arbitraries.integers().between(2, PARSER_NESTING_LIMIT - 10).map(depth -> nested(depth, false));
        // An object is a complex value, and its unknown sub-attributes are ignored: only arrays are wrong there.
        Arbitrary<JsonNode> deepArrays = Arbitraries.integers().between(2, PARSER_NESTING_LIMIT - 10).map(depth -> nested(depth, true));
        Arbitrary<JsonNode> hugeArray = Arbitraries.integers().between(10_000, 30_000).map(size -> {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < size; i++) {
                array.add(i);
            }
            return array;
        });
        Arbitrary<JsonNode> notString = Arbitraries.of(NODES.numberNode(42), NODES.numberNode(-1.5e300), NODES.booleanNode(true),
                NODES.objectNode(), NODES.objectNode().put("value", "x"), NODES.arrayNode(), NODES.arrayNode().add("x"));
        return switch (kind) {
            case STRING -> Arbitraries.oneOf(notString, deep, Arbitraries.strings().ofMinLength(513).ofMaxLength(5000).map(NODES::textNode),
                    longOnceLowerCased());
            case REQUIRED_STRING -> Arbitraries.oneOf(notString, deep,
                    Arbitraries.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("   ")));
            case BOOLEAN -> Arbitraries.oneOf(deep, Arbitraries.of(NODES.numberNode(1), NODES.numberNode(0), NODES.textNode("maybe"),
                    NODES.textNode(""), NODES.objectNode(), NODES.arrayNode().add(true)));
            case COMPLEX -> Arbitraries.oneOf(deepArrays, Arbitraries.of(NODES.numberNode(7), NODES.booleanNode(false),
                    NODES.arrayNode().add(NODES.objectNode())));
            case MULTI_VALUED -> Arbitraries.oneOf(hugeArray, Arbitraries.of(NODES.numberNode(3), NODES.booleanNode(true),
                    NODES.textNode("x"), NODES.objectNode().put("value", "x")));
            case INTEGER -> Arbitraries.oneOf(deep, Arbitraries.of(NODES.textNode("ten"), NODES.numberNode(1.5), NODES.booleanNode(true),
                    NODES.objectNode(), NODES.arrayNode().add(1)));
            case SCHEMAS -> Arbitraries.oneOf(deep, Arbitraries.of(NODES.textNode(USER), NODES.numberNode(1), NODES.objectNode(),
                    NODES.arrayNode(), NODES.arrayNode().add("urn:example:unknown:2.0:Thing"), NODES.arrayNode().add(7)));
            case TEXT -> Arbitraries.oneOf(notString, deep);
            case NAME_LIST -> Arbitraries.oneOf(deep, hugeArray, Arbitraries.of(NODES.numberNode(3), NODES.booleanNode(true),
                    NODES.objectNode().put("value", "x")));
            case ARRAY -> Arbitraries.of(NODES.numberNode(3), NODES.booleanNode(true), NODES.textNode("x"),
                    NODES.objectNode().put("op", "add"), NODES.nullNode());
            case EXISTING_NAME -> Arbitraries.oneOf(notString, Arbitraries.of(NODES.nullNode(), NODES.textNode(""),
                    NODES.textNode("No Such Thing"), NODES.textNode("x".repeat(65)), NODES.textNode("' or 1=1 --")));
            case ATTRIBUTE_PATH -> Arbitraries.oneOf(notString, Arbitraries.of(NODES.textNode("No Such Thing"),
                    NODES.textNode("shoeSize"), NODES.textNode("' or 1=1 --"), NODES.textNode("name.givenName[value eq \"x\"]")));
            case NEW_NAME -> Arbitraries.oneOf(notString, Arbitraries.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("  "),
                    NODES.textNode("x".repeat(65))));
            case TENANT_ID -> Arbitraries.oneOf(notString, Arbitraries.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("ab"),
                    NODES.textNode("Upper-Case"), NODES.textNode("../other"), NODES.textNode("x".repeat(65)),
                    NODES.textNode("' or 1=1 --"), NODES.textNode("-dash-first")));
        };
    }

    /** At most 512 characters as sent, more once lower-cased (U+0130 becomes two), mixed with other letters. */
    private static Arbitrary<JsonNode> longOnceLowerCased() {
        return Combinators.combine(Arbitraries.integers().between(MAX_STRING / 2 + 1, MAX_STRING),
                        Arbitraries.strings().withChars("a\u00DF\u0149\u01F0\u0390\uFB00\u03A3").ofMaxLength(MAX_STRING))
                .as((dotted, others) -> NODES.textNode(("\u0130".repeat(dotted) + others).substring(0, Math.min(MAX_STRING, dotted + others.length()))));
    }

    /** A string holding U+0000, which no stored text can hold (PostgreSQL refuses it): refused, on every database alike. */
    private Arbitrary<BadRequest> stringsWithNul(BodyEndpoint endpoint) {
        List<Site> strings = endpoint.sites().stream().filter(Site::holdsText).toList();
        if (strings.isEmpty()) {
            return oversized(endpoint);
        }
        return Combinators.combine(Arbitraries.of(strings), Arbitraries.of("\u0000", "a\u0000b", "x@atko.com\u0000' or 1=1 --"))
                .as((site, text) -> endpoint.with("U+0000 in " + site.pointer(),
                        bytes(withValue(endpoint.validBody(), site.pointer(), NODES.textNode(text))), INVALID_VALUE));
    }

    /** Over the 1 MiB body limit (a 10 MB string among them), declared or chunked. */
    private Arbitrary<BadRequest> oversized(BodyEndpoint endpoint) {
        return Combinators.combine(Arbitraries.of(endpoint.sites()), Arbitraries.of(1_048_577, 10 * 1024 * 1024),
                        Arbitraries.of(false, true))
                .as((site, size, chunked) -> new BadRequest(size + "-character string at " + site.pointer(), endpoint.token(),
                        endpoint.method(), endpoint.path(), bytesWithRaw(endpoint.validBody(), site.pointer(),
                        "\"" + "x".repeat(size) + "\""), chunked, TOO_LARGE));
    }

    // ---- sizes at and around every bound: at it the request is taken (or answered), one past it refused

    static final int MAX_BODY_BYTES = 1_048_576;
    private static final int MAX_RESOURCE_BYTES = 65_536;
    private static final int MAX_VALUES = 100;
    private static final int MAX_STRING = ResourceSchema.MAX_STRING;
    private static final int MAX_FILTER_LENGTH = FilterLimits.DEFAULT_MAX_LENGTH;
    private static final int MAX_FILTER_DEPTH = FilterLimits.DEFAULT_MAX_DEPTH;
    /**
     * Letters whose case changes their length: U+0130 lower-cases to two characters (the keys that
     * make userName and filters case-insensitive are lower-cased); ß, ŉ, ǰ, ΐ and ﬀ upper-case to
     * two or three. Σ lower-cases by context.
     */
    static final List<String> CASE_SHIFTING = List.of("\u0130", "\u00DF", "\u0149", "\u01F0", "\u0390", "\uFB00", "\u03A3", "\u212A");

    Arbitrary<BadRequest> nearTheBounds() {
        return Arbitraries.oneOf(resourceSizes(), valueCounts(), stringLengths(), filterDepths(), filterLengths(),
                patchPathDepths(), bodySizes());
    }

    private static Outcome takenOrRefused(boolean within, int status, String scimType) {
        return within ? new Outcome.Taken(status) : new Outcome.Refused(400, scimType);
    }

    /** A new user of exactly the given size as stored, the rest of it a certificate. */
    private Arbitrary<BadRequest> resourceSizes() {
        return Arbitraries.of(-1, 0, 1, 2, 1000).map(offset -> {
            int target = MAX_RESOURCE_BYTES + offset;
            ObjectNode stored = NODES.objectNode().put("userName", "bound-" + UNIQUE + "@atko.com");
            stored.putArray("x509Certificates").addObject().put("value", "");
            stored.put("active", true);
            int padding = target - bytes(stored).length;
            ((ObjectNode) stored.get("x509Certificates").get(0)).put("value", "M".repeat(padding));
            ObjectNode body = stored.deepCopy();
            body.putArray("schemas").add(USER);
            return new BadRequest("a user of " + target + " bytes as stored", Token.SCIM, "POST", "/scim/v2/Users", bytes(body),
                    false, takenOrRefused(offset <= 0, 201, "invalidValue"));
        });
    }

    /** A new user with as many values of one multi-valued attribute as the bound allows, or more. */
    private Arbitrary<BadRequest> valueCounts() {
        Arbitrary<String> attributes = Arbitraries.of("emails", "phoneNumbers", "ims", "photos", "addresses", "entitlements",
                "roles", "x509Certificates");
        Arbitrary<Integer> counts = Arbitraries.of(MAX_VALUES - 1, MAX_VALUES, MAX_VALUES + 1, 10 * MAX_VALUES);
        return Combinators.combine(attributes, counts).as((attribute, count) -> {
            ObjectNode body = NODES.objectNode();
            body.putArray("schemas").add(USER);
            body.put("userName", "values-" + UNIQUE + "@atko.com");
            ArrayNode values = body.putArray(attribute);
            for (int i = 0; i < count; i++) {
                values.add(attribute.equals("addresses") ? NODES.objectNode().put("locality", "Town " + i)
                        : NODES.objectNode().put("value", attribute.equals("photos") ? "https://x.example/" + i : "v" + i + "@atko.com"));
            }
            // Roles must name the tenant's roles: made-up values are refused whether or not they fit the bound.
            return new BadRequest(count + " " + attribute, Token.SCIM, "POST", "/scim/v2/Users", bytes(body), false,
                    takenOrRefused(count <= MAX_VALUES && !attribute.equals("roles"), 201, "invalidValue"));
        });
    }

    /**
     * A string at or past the column's 512 characters, counted as sent and once lower-cased, made of
     * letters whose case changes their length, in a new user or group.
     */
    private Arbitrary<BadRequest> stringLengths() {
        Arbitrary<String> sites = Arbitraries.of("userName", "displayName", "title", "name.givenName", "emails.value",
                "department", "groupDisplayName", "groupExternalId");
        Arbitrary<Integer> targets = Arbitraries.integers().between(MAX_STRING - 2, MAX_STRING + 2);
        return Combinators.combine(sites, Arbitraries.of(CASE_SHIFTING), targets).as((site, letter, target) -> {
            // A UNIQUE-bearing prefix keeps userNames and group names new; the letters fill it up to the
            // target length, counted as sent or lower-cased, whichever is longer.
            String prefix = "b-" + UNIQUE + "-";
            int perLetter = Math.max(letter.length(), letter.toLowerCase(java.util.Locale.ROOT).length());
            int letters = (target - prefix.length()) / perLetter;
            String value = prefix + letter.repeat(letters) + "x".repeat(target - prefix.length() - letters * perLetter);
            int sent = value.length();
            int folded = value.replace(UNIQUE, "u".repeat(36)).toLowerCase(java.util.Locale.ROOT).length();
            boolean group = site.startsWith("group");
            ObjectNode body = NODES.objectNode();
            body.putArray("schemas").add(group ? GROUP : USER);
            if (group) {
                body.put("displayName", site.equals("groupDisplayName") ? value : "Bound " + UNIQUE);
                if (site.equals("groupExternalId")) {
                    body.put("externalId", value);
                }
            } else {
                body.put("userName", site.equals("userName") ? value : "len-" + UNIQUE + "@atko.com");
                switch (site) {
                    case "displayName", "title" -> body.put(site, value);
                    case "name.givenName" -> body.putObject("name").put("givenName", value);
                    case "emails.value" -> body.putArray("emails").addObject().put("value", value);
                    case "department" -> body.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                            .put("department", value);
                    default -> {
                    }
                }
            }
            return new BadRequest(site + " of " + sent + " characters, " + folded + " lower-cased (" + letter + ")", Token.SCIM,
                    "POST", group ? "/scim/v2/Groups" : "/scim/v2/Users", bytes(body), false,
                    takenOrRefused(sent <= MAX_STRING && folded <= MAX_STRING, 201, "invalidValue"));
        });
    }

    /** {@code not(} nested around a comparison to the depth bound or past it, in each place a filter is read. */
    private Arbitrary<BadRequest> filterDepths() {
        Arbitrary<Integer> depths = Arbitraries.oneOf(Arbitraries.integers().between(MAX_FILTER_DEPTH - 2, MAX_FILTER_DEPTH + 2),
                Arbitraries.of(100, 3000));
        Arbitrary<String> comparisons = Arbitraries.of("userName eq \"\u0130\"", "emails[type eq \"work\" and value co \"@\"]",
                "displayName eq \"\u00DF\"", "title pr", "(externalId eq \"x\")");
        Arbitrary<String> carriers = Arbitraries.of("/scim/v2/Users", "/scim/v2/Groups", "/scim/v2/Users/.search",
                "/scim/v2/Groups/.search", "/scim/v2/.search");
        return Combinators.combine(depths, comparisons, carriers).as((depth, comparison, carrier) -> {
            int own = comparison.startsWith("emails[") ? 3 : 1;
            int nots = Math.max(0, depth - own);
            String filter = "not(".repeat(nots) + comparison + ")".repeat(nots);
            boolean groups = carrier.contains("Groups");
            boolean usersOnly = comparison.startsWith("userName") || comparison.startsWith("emails") || comparison.startsWith("title");
            Outcome outcome = nots + own > MAX_FILTER_DEPTH ? INVALID_FILTER
                    : groups && usersOnly ? INVALID_FILTER : new Outcome.Answered();
            return filterRequest("filter " + (nots + own) + " deep", carrier, filter, outcome);
        });
    }

    /** A filter of the length bound, or a character more, in a GET and a .search. */
    private Arbitrary<BadRequest> filterLengths() {
        Arbitrary<Integer> lengths = Arbitraries.oneOf(Arbitraries.integers().between(MAX_FILTER_LENGTH - 1, MAX_FILTER_LENGTH + 1),
                Arbitraries.of(10 * MAX_FILTER_LENGTH));
        return Combinators.combine(lengths, Arbitraries.of("/scim/v2/Users", "/scim/v2/Users/.search", "/scim/v2/.search"),
                Arbitraries.of(CASE_SHIFTING)).as((length, carrier, letter) -> {
            String head = "userName eq \"";
            String filter = head + letter.repeat(length - head.length() - 1) + "\"";
            return filterRequest("filter of " + filter.length() + " characters", carrier, filter,
                    filter.length() > MAX_FILTER_LENGTH ? INVALID_FILTER : new Outcome.Answered());
        });
    }

    /** As a GET where its query fits a request line (16 KB), else as the same list's .search. */
    private static BadRequest filterRequest(String what, String carrier, String filter, Outcome outcome) {
        if (!carrier.endsWith(".search") && query(filter).length() > 12_000) {
            carrier = carrier + "/.search";
        }
        if (carrier.endsWith(".search")) {
            ObjectNode body = NODES.objectNode();
            body.putArray("schemas").add(SEARCH);
            body.put("filter", filter).put("count", 1);
            return new BadRequest(what, Token.SCIM, "POST", carrier, bytes(body), false, outcome);
        }
        return new BadRequest(what, Token.SCIM, "GET", carrier + "?count=1&filter=" + query(filter), null, false, outcome);
    }

    /**
     * PATCH paths holding filters nested to the bound or past it: a remove of the fixture's emails
     * that match nothing (answered, nothing changes), of members by a filter (refused: members are
     * removed by {@code value eq}), and a certificate that takes the fixture past the size bound.
     */
    private Arbitrary<BadRequest> patchPathDepths() {
        String userPath = "/scim/v2/Users/" + fixture.userId();
        String groupPath = "/scim/v2/Groups/" + fixture.groupId();
        Arbitrary<BadRequest> emails = Arbitraries.integers().between(MAX_FILTER_DEPTH - 2, MAX_FILTER_DEPTH + 2).map(depth -> {
            String filter = "not(".repeat(depth - 1) + "value eq \"nobody@\u0130.example\"" + ")".repeat(depth - 1);
            boolean nothingMatches = (depth - 1) % 2 == 0;
            ObjectNode patch = patchOp(NODES.objectNode().put("op", "remove").put("path", "emails[" + filter + "]"));
            Outcome outcome = depth > MAX_FILTER_DEPTH ? INVALID_FILTER : nothingMatches ? new Outcome.Answered()
                    : new Outcome.Taken(200);
            return new BadRequest("remove emails[" + depth + " deep]", Token.SCIM, "PATCH", userPath, bytes(patch), false,
                    outcome);
        });
        Arbitrary<BadRequest> members = Arbitraries.integers().between(MAX_FILTER_DEPTH - 2, MAX_FILTER_DEPTH + 2).map(depth -> {
            String filter = "not(".repeat(depth - 1) + "value eq \"nobody\"" + ")".repeat(depth - 1);
            ObjectNode patch = patchOp(NODES.objectNode().put("op", "remove").put("path", "members[" + filter + "]"));
            return new BadRequest("remove members[" + depth + " deep]", Token.SCIM, "PATCH", groupPath, bytes(patch), false,
                    depth > MAX_FILTER_DEPTH ? INVALID_FILTER : new Outcome.Refused(400, "invalidPath"));
        });
        Arbitrary<BadRequest> pastTheSize = Arbitraries.of("add", "replace").map(op -> {
            ObjectNode operation = NODES.objectNode().put("op", op).put("path", "x509Certificates");
            operation.putArray("value").addObject().put("value", "M".repeat(ResourceSchema.MAX_BINARY));
            return new BadRequest(op + " of a 64 KiB certificate", Token.SCIM, "PATCH", userPath, bytes(patchOp(operation)), false,
                    INVALID_VALUE);
        });
        return Arbitraries.oneOf(emails, members, pastTheSize);
    }

    /** A body of the size bound, a byte less, or a byte more: read and refused for what it holds, or 413. */
    private Arbitrary<BadRequest> bodySizes() {
        record Carrier(String path, ObjectNode body, String pointer, Outcome refused) {
        }
        List<Carrier> carriers = List.of(
                new Carrier("/scim/v2/Users", user("body-" + UNIQUE + "@atko.com"), "/displayName", INVALID_VALUE),
                new Carrier("/scim/v2/Users/.search", search("userName eq \"x\""), "/filter", INVALID_FILTER),
                new Carrier("/scim/v2/Bulk", bulk(), "/Operations/0/data/displayName", new Outcome.EveryOperationRefused()));
        return Combinators.combine(Arbitraries.of(carriers), Arbitraries.of(-1, 0, 1)).as((carrier, offset) -> {
            int base = bytesWithRaw(carrier.body(), carrier.pointer(), "\"\"").length;
            int target = MAX_BODY_BYTES + offset;
            byte[] body = bytesWithRaw(carrier.body(), carrier.pointer(), "\"" + "x".repeat(target - base) + "\"");
            return new BadRequest("a body of " + body.length + " bytes", Token.SCIM, "POST", carrier.path(), body, false,
                    offset > 0 ? TOO_LARGE : carrier.refused());
        });
    }

    // ---- operations of one PATCH that build on each other: a value added, then a sub-attribute set

    /**
     * An add of a value of some JSON type to a multi-valued attribute, followed in the same request by
     * an operation that reads its elements as objects. A bare string is an element's {@code value}
     * (taken, where the attribute has one); any other non-object is refused before anything is read.
     */
    Arbitrary<BadRequest> chainedPatchOperations() {
        String userPath = "/scim/v2/Users/" + fixture.userId();
        // Not roles: their values must name the tenant's roles (RoleAssignmentsTest, DirectRoleAssignmentTest).
        Arbitrary<String> attributes = Arbitraries.of("emails", "phoneNumbers", "ims", "photos", "entitlements",
                "x509Certificates", "addresses");
        Arbitrary<JsonNode> values = Arbitraries.of(NODES.textNode("chained@atko.com"),
                NODES.arrayNode().add("chained@atko.com").add("chained-2@atko.com"), NODES.numberNode(7), NODES.booleanNode(true),
                NODES.arrayNode().add(NODES.arrayNode().add("x")), NODES.arrayNode().add(7), NODES.nullNode(),
                NODES.objectNode().put("value", "chained@atko.com").put("type", "work"));
        Arbitrary<String> followers = Arbitraries.of("replace|%s.type|home", "replace|%s[type eq \"work\"].display|Work",
                "remove|%s[value eq \"chained@atko.com\"]|", "add|%s.primary|true", "remove|%s.display|");
        Arbitrary<BadRequest> users = Combinators.combine(attributes, values, followers).as((attribute, value, follower) -> {
            ObjectNode first = NODES.objectNode().put("op", "add").put("path", attribute);
            first.set("value", value);
            String[] parts = follower.split("\\|", -1);
            ObjectNode second = NODES.objectNode().put("op", parts[0]).put("path", parts[1].formatted(attribute));
            if (!parts[0].equals("remove")) {
                second.set("value", parts[2].equals("true") ? NODES.booleanNode(true) : NODES.textNode(parts[2]));
            }
            boolean elementsAreObjects = value.isObject() || value.isNull() || value.isTextual()
                    || value.isArray() && java.util.stream.StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isTextual);
            boolean firstTaken = elementsAreObjects && (!attribute.equals("addresses") || value.isObject() || value.isNull());
            // Addresses have no display to set.
            boolean secondTaken = !(attribute.equals("addresses") && follower.contains(".display"));
            Outcome outcome = !firstTaken ? INVALID_VALUE : !secondTaken ? new Outcome.Refused(400, "invalidPath") : new Outcome.Taken(200);
            return new BadRequest("add " + value + " to " + attribute + ", then " + second, Token.SCIM, "PATCH", userPath,
                    bytes(patchOp(first, second)), false, outcome);
        });
        Arbitrary<BadRequest> groups = values.filter(value -> !value.isObject() && !value.isNull()).map(value -> {
            ObjectNode first = NODES.objectNode().put("op", "add").put("path", "members");
            first.set("value", value);
            ObjectNode second = NODES.objectNode().put("op", "remove").put("path", "members[value eq \"chained@atko.com\"]");
            return new BadRequest("add " + value + " to members, then remove it", Token.SCIM, "PATCH",
                    "/scim/v2/Groups/" + fixture.groupId(), bytes(patchOp(first, second)), false, INVALID_VALUE);
        });
        return Arbitraries.oneOf(users, groups);
    }

    // ---- clients racing over the same users and groups: deletes interleaved with adds

    /** One client's request, by index into the users and groups a try makes. */
    sealed interface Step {
        record Delete(int user) implements Step {
        }

        record Retitle(int user) implements Step {
        }

        record AddToGroup(int user, int group) implements Step {
        }

        record RemoveFromGroup(int user, int group) implements Step {
        }

        /** The same steps as the operations of one Bulk request. */
        record Bulk(List<Step> operations) implements Step {
        }
    }

    /** Clients, each a list of steps, run at once over {@code users} new users and {@code groups} new groups. */
    record Race(int users, int groups, List<List<Step>> clients) {
    }

    Arbitrary<Race> races() {
        return Combinators.combine(Arbitraries.integers().between(3, 6), Arbitraries.integers().between(1, 3))
                .flatAs((users, groups) -> {
                    Arbitrary<Step> single = Arbitraries.oneOf(
                            Arbitraries.integers().between(0, users - 1).map(Step.Delete::new),
                            Arbitraries.integers().between(0, users - 1).map(Step.Retitle::new),
                            Combinators.combine(Arbitraries.integers().between(0, users - 1), Arbitraries.integers().between(0, groups - 1))
                                    .as(Step.AddToGroup::new),
                            Combinators.combine(Arbitraries.integers().between(0, users - 1), Arbitraries.integers().between(0, groups - 1))
                                    .as(Step.RemoveFromGroup::new));
                    Arbitrary<Step> step = Arbitraries.frequencyOf(
                            net.jqwik.api.Tuple.of(5, single),
                            net.jqwik.api.Tuple.of(1, single.list().ofMinSize(2).ofMaxSize(12).map(Step.Bulk::new)));
                    return step.list().ofMinSize(2).ofMaxSize(10).list().ofMinSize(2).ofMaxSize(4)
                            .map(clients -> new Race(users, groups, clients));
                });
    }

    // ---- Bulk: the request is read whole, a bad operation is refused on its own

    Arbitrary<BadRequest> badBulkOperations() {
        ObjectNode valid = bulk();
        List<Site> sites = List.of(new Site("/Operations/0/method", Kind.EXISTING_NAME),
                new Site("/Operations/0/path", Kind.EXISTING_NAME), new Site("/Operations/0/data", Kind.COMPLEX),
                new Site("/Operations/0/data/userName", Kind.REQUIRED_STRING), new Site("/Operations/0/data/active", Kind.BOOLEAN),
                new Site("/Operations/0/data/emails", Kind.MULTI_VALUED), new Site("/Operations/0/data/schemas", Kind.SCHEMAS));
        Arbitrary<BadRequest> brokenOperation = Arbitraries.of(sites).flatMap(site -> wrongValues(site.kind())
                .filter(value -> !site.pointer().endsWith("method") || !value.isTextual() || !value.asText().isEmpty())
                .map(value -> new BadRequest("operation " + site.pointer() + " replaced", Token.SCIM, "POST", "/scim/v2/Bulk",
                        bytes(withValue(valid, site.pointer(), value)), false, new Outcome.EveryOperationRefused())));
        Arbitrary<BadRequest> tooMany = Arbitraries.integers().between(1001, 5000).map(count -> {
            ObjectNode body = valid.deepCopy();
            ArrayNode operations = body.putArray("Operations");
            for (int i = 0; i < count; i++) {
                operations.addObject().put("method", "DELETE").put("path", "/Users/no-such-user-" + i);
            }
            return new BadRequest(count + " operations", Token.SCIM, "POST", "/scim/v2/Bulk", bytes(body), false, TOO_LARGE);
        });
        return Arbitraries.oneOf(brokenOperation, tooMany);
    }

    // ---- filters: injection attempts are values, broken filters are invalidFilter

    private static final List<String> PAYLOADS = List.of("' or 1=1 --", "\" or \"1\"=\"1", "'; drop table scim_user; --",
            "%' --", "\\", "*/", ") or (1=1", "x' union select token_hash from api_token --", "_%", "$1", "?");

    Arbitrary<BadRequest> filters() {
        Arbitrary<String> userAttributes = Arbitraries.of("userName", "displayName", "emails.value", "externalId",
                "name.givenName", "emails[type eq \"work\"].value");
        Arbitrary<String> groupAttributes = Arbitraries.of("displayName", "externalId");
        Arbitrary<String> payloads = Arbitraries.oneOf(Arbitraries.of(PAYLOADS),
                Arbitraries.strings().withChars("'\";-=()*%_\\ orand1").ofMinLength(1).ofMaxLength(30),
                Arbitraries.of(CASE_SHIFTING).list().ofMinSize(1).ofMaxSize(600).map(letters -> String.join("", letters)));
        return Arbitraries.oneOf(
                Combinators.combine(userAttributes, payloads, filterCarriers("Users")).as((a, p, c) -> c.asValue(a, p)),
                Combinators.combine(groupAttributes, payloads, filterCarriers("Groups")).as((a, p, c) -> c.asValue(a, p)),
                Combinators.combine(userAttributes, payloads, filterCarriers("Users"), broken()).as((a, p, c, b) -> c.broken(b.apply(a, p))),
                Combinators.combine(groupAttributes, payloads, filterCarriers("Groups"), broken()).as((a, p, c, b) -> c.broken(b.apply(a, p))),
                Combinators.combine(userAttributes, filterCarriers("Users"), Arbitraries.of("\u0000", "a\u0000", "\\u0000"))
                        .as((a, c, nul) -> c.withNul(a + " eq \"" + nul + "\"")));
    }

    private interface BrokenFilter {
        String apply(String attribute, String payload);
    }

    private static Arbitrary<BrokenFilter> broken() {
        return Arbitraries.of(
                (a, p) -> a + " eq " + p.replace("\"", "") + "x'",
                (a, p) -> "'" + p,
                (a, p) -> a + " eq \"" + escape(p),
                (a, p) -> a + " eq \"x\" or 1=1 --" + p,
                (a, p) -> "(" + a + " eq \"" + escape(p) + "\"",
                (a, p) -> a + " eq \"" + escape(p) + "\") or (1=1",
                (a, p) -> a + " zz \"" + escape(p) + "\"",
                (a, p) -> "shoeSize eq \"" + escape(p) + "\"");
    }

    /** How a filter reaches the service: a GET query parameter or a .search body. */
    private record FilterCarrier(String resource, boolean search) {
        BadRequest asValue(String attribute, String payload) {
            return request("injection as a value", attribute + " eq \"" + escape(payload) + "\"", new Outcome.Answered());
        }

        BadRequest broken(String filter) {
            return request("broken filter", filter, INVALID_FILTER);
        }

        /** A NUL character in a body is refused with the body; written as the filter escape it reaches the filter. */
        BadRequest withNul(String filter) {
            boolean inTheBody = search && filter.indexOf('\u0000') >= 0;
            return request("U+0000 in a filter value", filter, inTheBody ? INVALID_VALUE : INVALID_FILTER);
        }

        private BadRequest request(String what, String filter, Outcome outcome) {
            if (search) {
                ObjectNode body = NODES.objectNode();
                body.putArray("schemas").add(SEARCH);
                body.put("filter", filter);
                return new BadRequest(what, Token.SCIM, "POST", "/scim/v2/" + resource + "/.search", bytes(body), false, outcome);
            }
            return new BadRequest(what, Token.SCIM, "GET", "/scim/v2/" + resource + "?filter=" + query(filter), null, false, outcome);
        }
    }

    private static Arbitrary<FilterCarrier> filterCarriers(String resource) {
        return Arbitraries.of(new FilterCarrier(resource, false), new FilterCarrier(resource, true));
    }

    // ---- paging and listing parameters

    Arbitrary<BadRequest> listParameters() {
        Arbitrary<String> lists = Arbitraries.of("/scim/v2/Users", "/scim/v2/Groups", "/api/admin/accounts",
                "/api/admin/group-mappings");
        Arbitrary<String> names = Arbitraries.of("startIndex", "count");
        Arbitrary<String> anyLong = Arbitraries.longs().map(String::valueOf);
        Arbitrary<String> notALong = Arbitraries.oneOf(
                Arbitraries.of("abc", "1.5", "1e3", "0x10", "99999999999999999999", "-99999999999999999999", "1 or 1=1", "' --", "NaN",
                        "\u0000", "١٢"),
                Arbitraries.bigIntegers().greaterOrEqual(new java.math.BigInteger("9223372036854775808"))
                        .lessOrEqual(java.math.BigInteger.TEN.pow(40)).map(Object::toString));
        return Arbitraries.oneOf(
                Combinators.combine(lists, names, anyLong).as((list, name, value) -> listCall(list, name, value, new Outcome.Answered())),
                Combinators.combine(lists, names, notALong).as((list, name, value) -> listCall(list, name, value, INVALID_VALUE)),
                Combinators.combine(Arbitraries.of("after", "limit"), anyLong)
                        .as((name, value) -> listCall("/api/admin/events", name, value, new Outcome.Answered())),
                Combinators.combine(Arbitraries.of("after", "limit"), notALong)
                        .as((name, value) -> listCall("/api/admin/events", name, value, INVALID_VALUE)),
                Combinators.combine(Arbitraries.of("q", "role"), Arbitraries.of(PAYLOADS))
                        .as((name, value) -> listCall("/api/admin/accounts", name, value, new Outcome.Answered())),
                Combinators.combine(Arbitraries.of("q", "role"), Arbitraries.of("\u0000", "a\u0000' or 1=1 --"))
                        .as((name, value) -> listCall("/api/admin/accounts", name, value, INVALID_VALUE)),
                Combinators.combine(Arbitraries.of("/scim/v2/Users?sortBy=externalId&", "/scim/v2/Groups?sortBy=displayName&"),
                        Arbitraries.of("sortOrder"), Arbitraries.of("sideways", "' or 1=1 --", "asc;drop", "\u0000"))
                        .as((list, name, value) -> listCall(list, name, value, INVALID_VALUE)),
                Combinators.combine(Arbitraries.of("/scim/v2/Users", "/scim/v2/Groups"), Arbitraries.of("cursor"),
                        Arbitraries.of("garbage", "' or 1=1 --", "eyJ4IjoxfQ", "\u0000", "../../etc/passwd"))
                        .as((list, name, value) -> listCall(list, name, value, new Outcome.Refused(400, "invalidCursor"))),
                Combinators.combine(Arbitraries.of("/scim/v2/Users", "/scim/v2/Groups"), Arbitraries.of("startIndex", "count"),
                        Arbitraries.of(new java.math.BigDecimal("1e300"), new java.math.BigDecimal("1.5"), new java.math.BigDecimal("-1e30")))
                        .as((list, name, number) -> searchWith(list, name, NODES.numberNode(number))));
    }

    private static BadRequest listCall(String list, String name, String value, Outcome outcome) {
        Token token = list.startsWith("/api/admin") ? Token.ADMIN : Token.SCIM;
        String separator = list.endsWith("&") ? "" : "?";
        return new BadRequest(name + "=" + value, token, "GET", list + separator + name + "=" + query(value), null, false, outcome);
    }

    private static BadRequest searchWith(String list, String name, JsonNode number) {
        ObjectNode body = NODES.objectNode();
        body.putArray("schemas").add(SEARCH);
        body.set(name, number);
        return new BadRequest(name + " " + number + " in a search", Token.SCIM, "POST", list + "/.search", bytes(body), false,
                INVALID_VALUE);
    }

    // ---- ids that name nothing: path traversal, injection, encodings

    Arbitrary<BadRequest> strangeIds() {
        Arbitrary<String> literal = Arbitraries.of("..", "../", "..\\", "/etc/passwd", "' or 1=1 --", "%", "%2e", "?x=1", "#",
                ";jsessionid=1", "<script>", "😀", "null", "0", "-1", " ", "users", "00000000-0000-0000-0000-000000000000",
                "\u0130".repeat(40), "\u00DF\uFB00\u0390").map(BadRequests::encodePath);
        Arbitrary<String> raw = Arbitraries.of("%2e%2e%2f", "..%2f", "%2f", "%2F..%2F..", "%5c", "%2e%2e%5c", "%00", "x%00");
        Arbitrary<String> ids = Arbitraries.oneOf(literal, raw).list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts))
                .filter(id -> !decodesToDots(id));
        return Combinators.combine(idEndpoints(), ids).as((endpoint, id) -> {
            String path = endpoint.path().replace("{id}", id);
            // Tomcat refuses an encoded '/', '\\' or NUL in a path outright, before any route.
            String lower = id.toLowerCase();
            boolean refusedByTheWebServer = lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00");
            return new BadRequest("id " + id, endpoint.token(), endpoint.method(), path,
                    endpoint.validBody() == null ? null : bytes(endpoint.validBody()), false,
                    refusedByTheWebServer ? new Outcome.Refused(400, null) : NOT_FOUND);
        });
    }

    /** Dot segments are resolved by the URL rules before routing (RFC 3986 §5.2.4); they are not ids. */
    private static boolean decodesToDots(String id) {
        return java.net.URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8).chars().allMatch(c -> c == '.');
    }

    private Arbitrary<BodyEndpoint> idEndpoints() {
        ObjectNode userPatch = patchOp(NODES.objectNode().put("op", "replace").put("path", "name.givenName").put("value", "X"));
        ObjectNode role = NODES.objectNode().put("role", "Manager");
        return Arbitraries.of(
                idEndpoint(Token.SCIM, "GET", "/scim/v2/Users/{id}", null),
                idEndpoint(Token.SCIM, "PUT", "/scim/v2/Users/{id}", user("ghost@atko.com")),
                idEndpoint(Token.SCIM, "PATCH", "/scim/v2/Users/{id}", userPatch),
                idEndpoint(Token.SCIM, "DELETE", "/scim/v2/Users/{id}", null),
                idEndpoint(Token.SCIM, "GET", "/scim/v2/Groups/{id}", null),
                idEndpoint(Token.SCIM, "PUT", "/scim/v2/Groups/{id}", group("Ghosts")),
                idEndpoint(Token.SCIM, "PATCH", "/scim/v2/Groups/{id}", groupPatch()),
                idEndpoint(Token.SCIM, "DELETE", "/scim/v2/Groups/{id}", null),
                idEndpoint(Token.SCIM, "GET", "/scim/v2/Schemas/{id}", null),
                idEndpoint(Token.SCIM, "GET", "/scim/v2/ResourceTypes/{id}", null),
                idEndpoint(Token.ADMIN, "GET", "/api/admin/accounts/{id}", null),
                idEndpoint(Token.ADMIN, "PUT", "/api/admin/group-mappings/{id}", role),
                idEndpoint(Token.ADMIN, "DELETE", "/api/admin/group-mappings/{id}", null),
                idEndpoint(Token.ADMIN, "POST", "/api/admin/scim-tokens/{id}/rotate", null),
                idEndpoint(Token.ADMIN, "DELETE", "/api/admin/scim-tokens/{id}", null));
    }

    private static BodyEndpoint idEndpoint(Token token, String method, String path, ObjectNode body) {
        return new BodyEndpoint(token, method, path, body, List.of());
    }

    // ---- valid requests of every endpoint that reads a body, and what is type-checked in them

    private List<BodyEndpoint> bodyEndpoints() {
        String userPath = "/scim/v2/Users/" + fixture.userId();
        String groupPath = "/scim/v2/Groups/" + fixture.groupId();
        List<Site> userSites = List.of(new Site("/schemas", Kind.SCHEMAS), new Site("/userName", Kind.REQUIRED_STRING),
                new Site("/name", Kind.COMPLEX), new Site("/name/givenName", Kind.STRING), new Site("/name/familyName", Kind.STRING),
                new Site("/emails", Kind.MULTI_VALUED), new Site("/emails/0/value", Kind.STRING), new Site("/emails/0/type", Kind.STRING),
                new Site("/emails/0/primary", Kind.BOOLEAN), new Site("/displayName", Kind.STRING), new Site("/locale", Kind.STRING),
                new Site("/externalId", Kind.STRING), new Site("/active", Kind.BOOLEAN),
                new Site("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", Kind.COMPLEX),
                new Site("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department", Kind.STRING));
        List<Site> groupSites = List.of(new Site("/schemas", Kind.SCHEMAS), new Site("/displayName", Kind.REQUIRED_STRING),
                new Site("/externalId", Kind.STRING), new Site("/members", Kind.MULTI_VALUED), new Site("/members/0", Kind.COMPLEX),
                new Site("/members/0/value", Kind.EXISTING_NAME));
        List<Site> userPatchSites = List.of(new Site("/schemas", Kind.SCHEMAS), new Site("/Operations", Kind.ARRAY, "invalidSyntax"),
                new Site("/Operations/0", Kind.INTEGER, "invalidSyntax"), new Site("/Operations/0/value", Kind.STRING),
                new Site("/Operations/1/value", Kind.COMPLEX), new Site("/Operations/1/value/active", Kind.BOOLEAN));
        List<Site> groupPatchSites = List.of(new Site("/schemas", Kind.SCHEMAS), new Site("/Operations", Kind.ARRAY, "invalidSyntax"),
                new Site("/Operations/0", Kind.INTEGER, "invalidSyntax"), new Site("/Operations/0/value", Kind.MULTI_VALUED),
                new Site("/Operations/0/value/0/value", Kind.EXISTING_NAME));
        List<Site> searchSites = List.of(new Site("/schemas", Kind.SCHEMAS), new Site("/filter", Kind.TEXT),
                new Site("/startIndex", Kind.INTEGER), new Site("/count", Kind.INTEGER), new Site("/sortBy", Kind.ATTRIBUTE_PATH),
                new Site("/attributes", Kind.NAME_LIST));
        List<Site> bulkSites = List.of(new Site("/schemas", Kind.SCHEMAS), new Site("/failOnErrors", Kind.INTEGER),
                new Site("/Operations", Kind.ARRAY, "invalidSyntax"));
        return List.of(
                new BodyEndpoint(Token.SCIM, "POST", "/scim/v2/Users", user("fuzz-new@atko.com"), userSites),
                new BodyEndpoint(Token.SCIM, "PUT", userPath, user(fixture.userName()), userSites),
                new BodyEndpoint(Token.SCIM, "PATCH", userPath, userPatch(), userPatchSites),
                new BodyEndpoint(Token.SCIM, "POST", "/scim/v2/Users/.search", search("userName eq \"x\""), searchSites),
                new BodyEndpoint(Token.SCIM, "POST", "/scim/v2/Groups", group("Fuzz New"), groupSites),
                new BodyEndpoint(Token.SCIM, "PUT", groupPath, group("Fuzz Renamed"), groupSites),
                new BodyEndpoint(Token.SCIM, "PATCH", groupPath, groupPatch(), groupPatchSites),
                new BodyEndpoint(Token.SCIM, "POST", "/scim/v2/Groups/.search", search("displayName eq \"x\""), searchSites),
                new BodyEndpoint(Token.SCIM, "POST", "/scim/v2/.search", search("externalId eq \"x\""), searchSites),
                new BodyEndpoint(Token.SCIM, "POST", "/scim/v2/Bulk", bulk(), bulkSites),
                new BodyEndpoint(Token.ADMIN, "POST", "/api/admin/roles",
                        NODES.objectNode().put("name", "Fuzz Auditor").put("precedence", 350).put("canLogin", true),
                        List.of(new Site("/name", Kind.NEW_NAME), new Site("/precedence", Kind.INTEGER),
                                new Site("/canLogin", Kind.BOOLEAN))),
                new BodyEndpoint(Token.ADMIN, "PUT", "/api/admin/default-role", NODES.objectNode().put("role", "User"),
                        List.of(new Site("/role", Kind.EXISTING_NAME))),
                new BodyEndpoint(Token.ADMIN, "PUT", "/api/admin/group-mappings/" + fixture.groupId(),
                        NODES.objectNode().put("role", "Manager"), List.of(new Site("/role", Kind.EXISTING_NAME))),
                new BodyEndpoint(Token.OPERATOR, "POST", "/api/operator/tenants",
                        NODES.objectNode().put("id", "fuzz-tenant").put("name", "Fuzz Inc."),
                        List.of(new Site("/id", Kind.TENANT_ID), new Site("/name", Kind.REQUIRED_STRING))));
    }

    private static ObjectNode user(String userName) {
        ObjectNode user = NODES.objectNode();
        user.putArray("schemas").add(USER).add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        user.put("userName", userName);
        user.putObject("name").put("givenName", "Fuzz").put("familyName", "Tester");
        user.putArray("emails").addObject().put("primary", true).put("value", userName).put("type", "work");
        user.put("displayName", "Fuzz Tester").put("locale", "en-US").put("externalId", "00ufuzz").put("active", true);
        user.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").put("department", "QA");
        return user;
    }

    private ObjectNode group(String displayName) {
        ObjectNode group = NODES.objectNode();
        group.putArray("schemas").add(GROUP);
        group.put("displayName", displayName).put("externalId", "00gfuzz");
        group.putArray("members").addObject().put("value", fixture.userId()).put("display", fixture.userName());
        return group;
    }

    private static ObjectNode userPatch() {
        return patchOp(NODES.objectNode().put("op", "replace").put("path", "name.givenName").put("value", "Changed"),
                NODES.objectNode().put("op", "replace").set("value", NODES.objectNode().put("active", false)));
    }

    private ObjectNode groupPatch() {
        ObjectNode add = NODES.objectNode().put("op", "add").put("path", "members");
        add.putArray("value").addObject().put("value", fixture.userId()).put("display", fixture.userName());
        return patchOp(add);
    }

    private static ObjectNode patchOp(ObjectNode... operations) {
        ObjectNode patch = NODES.objectNode();
        patch.putArray("schemas").add(PATCH_OP);
        patch.putArray("Operations").addAll(List.of(operations));
        return patch;
    }

    private static ObjectNode search(String filter) {
        ObjectNode search = NODES.objectNode();
        search.putArray("schemas").add(SEARCH);
        search.put("filter", filter).put("startIndex", 1).put("count", 10).put("sortBy", "externalId");
        search.putArray("attributes").add("id").add("externalId");
        return search;
    }

    private static ObjectNode bulk() {
        ObjectNode bulk = NODES.objectNode();
        bulk.putArray("schemas").add(BULK);
        bulk.put("failOnErrors", 1);
        bulk.putArray("Operations").addObject().put("method", "POST").put("bulkId", "b1").put("path", "/Users")
                .set("data", user("fuzz-bulk@atko.com"));
        return bulk;
    }

    // ---- JSON surgery

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode nested(int depth, boolean arraysOnly) {
        JsonNode node = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            node = arraysOnly || i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
        }
        return node;
    }

    private static ObjectNode withValue(ObjectNode body, String pointer, JsonNode value) {
        ObjectNode copy = body.deepCopy();
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = copy.at(at.head());
        if (parent instanceof ObjectNode object) {
            object.set(at.last().getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode array) {
            array.set(at.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("No place " + pointer + " in " + body);
        }
        return copy;
    }

    /** The body with raw JSON text (too deep or too long for a tree) at the pointer. */
    private static byte[] bytesWithRaw(ObjectNode body, String pointer, String rawJson) {
        String marker = "\"@@raw@@\"";
        String text = withValue(body, pointer, NODES.textNode("@@raw@@")).toString();
        return text.replace(marker, rawJson).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    private static List<JsonPointer> objectsWithFields(JsonNode root) {
        List<JsonPointer> found = new ArrayList<>();
        collectObjects(root, JsonPointer.empty(), found);
        return found;
    }

    private static void collectObjects(JsonNode node, JsonPointer at, List<JsonPointer> found) {
        if (node.isObject() && !node.isEmpty()) {
            found.add(at);
            node.fields().forEachRemaining(field -> collectObjects(field.getValue(), at.appendProperty(field.getKey()), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectObjects(node.get(i), at.appendIndex(i), found);
            }
        }
    }

    /** The body written with one key of one object written twice (Jackson's own writer refuses to). */
    private static byte[] withDuplicate(JsonNode root, JsonPointer objectAt, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            write(generator, root, JsonPointer.empty(), objectAt, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator out, JsonNode node, JsonPointer at, JsonPointer objectAt, String name) throws IOException {
        if (node.isObject()) {
            out.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                boolean twice = at.equals(objectAt) && field.getKey().equals(name);
                for (int i = 0; i < (twice ? 2 : 1); i++) {
                    out.writeFieldName(field.getKey());
                    write(out, field.getValue(), at.appendProperty(field.getKey()), objectAt, name);
                }
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (int i = 0; i < node.size(); i++) {
                write(out, node.get(i), at.appendIndex(i), objectAt, name);
            }
            out.writeEndArray();
        } else {
            out.writeTree(node);
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every character but the unreserved ones percent-encoded, '.' included. */
    private static String encodePath(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
