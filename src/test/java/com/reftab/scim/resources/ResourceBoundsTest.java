package com.reftab.scim.resources;

import static com.reftab.scim.protocol.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import com.reftab.scim.protocol.UserSchema;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.GroupSchema;

class ResourceBoundsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ResourceBounds bounds = new ResourceBounds(MAPPER, 1000, 3);

    /** A user of exactly {@code bytes} bytes as stored, padded in its title. */
    private static ObjectNode userOf(int bytes) {
        ObjectNode user = json("{}").put("userName", "ann@example.com").put("title", "");
        int size = user.toString().getBytes(StandardCharsets.UTF_8).length;
        return user.put("title", "é".repeat((bytes - size) / 2) + "x".repeat((bytes - size) % 2));
    }

    private static ObjectNode withEmails(int count) {
        ObjectNode user = json("{}").put("userName", "ann@example.com");
        ArrayNode emails = user.putArray("emails");
        for (int i = 0; i < count; i++) {
            emails.addObject().put("value", "ann" + i + "@example.com");
        }
        return user;
    }

    @Test
    void theSizeIsTheStoredJsonInUtf8Bytes() throws Exception {
        assertThat(bounds.serializedBytes(userOf(1000))).isEqualTo(1000);
        assertThat(MAPPER.writeValueAsString(userOf(1000)).getBytes(StandardCharsets.UTF_8)).hasSize(1000);
    }

    @Test
    void aResourceExactlyAtTheSizeBoundIsAccepted() {
        assertThatCode(() -> bounds.requireNew(UserSchema.SCHEMA, "user", userOf(1000))).doesNotThrowAnyException();
    }

    @Test
    void aResourceOneBytePastTheSizeBoundIsInvalidValueNamingTheBound() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bounds.requireNew(UserSchema.SCHEMA, "user", userOf(1001)))
                .returns("invalidValue", ScimException::scimType)
                .satisfies(e -> assertThat(e.detail()).contains("1001 bytes").contains("at most 1000 bytes"));
    }

    @Test
    void exactlyTheMostValuesOfAnAttributeAreAcceptedAndOneMoreIsInvalidValueNamingTheBound() {
        assertThatCode(() -> bounds.requireNew(UserSchema.SCHEMA, "user", withEmails(3))).doesNotThrowAnyException();
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bounds.requireNew(UserSchema.SCHEMA, "user", withEmails(4)))
                .returns("invalidValue", ScimException::scimType)
                .satisfies(e -> assertThat(e.detail()).contains("'emails'").contains("4 values").contains("at most 3"));
    }

    @Test
    void aChangeThatTakesAResourcePastTheBoundIsRefused() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bounds.require(UserSchema.SCHEMA, "user", userOf(900), userOf(1001)));
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bounds.require(UserSchema.SCHEMA, "user", withEmails(2), withEmails(4)));
    }

    @Test
    void aResourceAlreadyPastTheBoundMayBeDeactivatedOrTrimmedButNotGrown() {
        ObjectNode stored = userOf(1500).put("active", true);

        assertThatCode(() -> bounds.require(UserSchema.SCHEMA, "user", stored, stored.deepCopy().put("active", false)))
                .doesNotThrowAnyException();
        assertThatCode(() -> bounds.require(UserSchema.SCHEMA, "user", stored, userOf(1200).put("active", true)))
                .doesNotThrowAnyException();
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bounds.require(UserSchema.SCHEMA, "user", stored, stored.deepCopy().put("nickName", "A")));
    }

    @Test
    void anAttributeAlreadyPastTheCountMayShrinkButNotGrow() {
        assertThatCode(() -> bounds.require(UserSchema.SCHEMA, "user", withEmails(6), withEmails(5))).doesNotThrowAnyException();
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bounds.require(UserSchema.SCHEMA, "user", withEmails(6), withEmails(7)));
    }

    @Test
    void everyMultiValuedAttributeIsCounted() {
        for (String name : new String[] {"phoneNumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509Certificates"}) {
            ObjectNode user = json("{}").put("userName", "ann@example.com");
            ArrayNode values = user.putArray(name);
            for (int i = 0; i < 4; i++) {
                values.addObject().put("value", "v" + i);
            }

            assertThatExceptionOfType(ScimException.class).as(name)
                    .isThrownBy(() -> bounds.requireNew(UserSchema.SCHEMA, "user", user));
        }
    }

    @Test
    void aGroupIsBoundWithoutItsMembers() {
        ObjectNode group = json("{}").put("displayName", "x".repeat(1200));

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> bounds.requireNew(GroupSchema.SCHEMA, "group", group))
                .satisfies(e -> assertThat(e.detail()).startsWith("The group"));
    }
}
