package com.reftab.scim.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.events.EventType;
import org.junit.jupiter.api.Test;

class AccountChangeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void activeUserMakesAnActiveAccount() {
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 1, "resource": {"userName": "ann@example.com", "active": true}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_CREATED, data, Instant.parse("2025-03-01T10:15:30Z"));

        assertThat(change.status()).isEqualTo("active");
    }

    @Test
    void userWithoutActiveMakesAnActiveAccount() {
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 1, "resource": {"userName": "ann@example.com"}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_CREATED, data, Instant.parse("2025-03-01T10:15:30Z"));

        assertThat(change.status()).isEqualTo("active");
    }

    @Test
    void inactiveUserMakesADisabledButNotDeletedAccount() {
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 2, "resource": {"userName": "ann@example.com", "active": false}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_DEACTIVATED, data, Instant.parse("2025-03-01T10:15:30Z"));

        assertThat(change.status()).isEqualTo("disabled");
        assertThat(change.deleted()).isFalse();
    }

    @Test
    void deletedUserMakesADisabledDeletedAccount() {
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 3, "resource": {"userName": "ann@example.com", "active": true}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_DELETED, data, Instant.parse("2025-03-01T10:15:30Z"));

        assertThat(change.status()).isEqualTo("disabled");
        assertThat(change.deleted()).isTrue();
    }

    @Test
    void aDeactivationAndTheDeletionOfAnActiveUserTakeTheLoginAway() {
        JsonNode active = json("""
                {"tenantId": "t1", "id": "u1", "version": 3, "resource": {"userName": "ann@example.com", "active": true}}
                """);
        JsonNode inactive = json("""
                {"tenantId": "t1", "id": "u1", "version": 3, "resource": {"userName": "ann@example.com", "active": false}}
                """);
        Instant time = Instant.parse("2025-03-01T10:15:30Z");

        assertThat(AccountChange.from(EventType.USER_DEACTIVATED, inactive, time).deactivation()).isTrue();
        assertThat(AccountChange.from(EventType.USER_DELETED, active, time).deactivation()).isTrue();
        assertThat(AccountChange.from(EventType.USER_DELETED, inactive, time).deactivation())
                .as("deleting a user already deactivated takes no login away").isFalse();
        assertThat(AccountChange.from(EventType.USER_UPDATED, active, time).deactivation()).isFalse();
        assertThat(AccountChange.from(EventType.USER_CREATED, inactive, time).deactivation())
                .as("a user created inactive never had a login").isFalse();
    }

    @Test
    void primaryEmailIsPreferredOverTheFirst() {
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 1,
                 "resource": {"userName": "ann@example.com",
                              "emails": [{"value": "ann@home.example"}, {"value": "ann@work.example", "primary": true}]}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_CREATED, data, Instant.parse("2025-03-01T10:15:30Z"));

        assertThat(change.email()).isEqualTo("ann@work.example");
    }

    @Test
    void firstEmailIsUsedWhenNoneIsPrimary() {
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 1,
                 "resource": {"userName": "ann@example.com",
                              "emails": [{"value": "ann@home.example"}, {"value": "ann@work.example"}]}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_CREATED, data, Instant.parse("2025-03-01T10:15:30Z"));

        assertThat(change.email()).isEqualTo("ann@home.example");
    }

    @Test
    void userWithoutEmailsHasNoEmail() {
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 1, "resource": {"userName": "ann@example.com"}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_CREATED, data, Instant.parse("2025-03-01T10:15:30Z"));

        assertThat(change.email()).isNull();
    }

    @Test
    void identityAndNamesAreTakenFromTheEvent() {
        Instant time = Instant.parse("2025-03-01T10:15:30Z");
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 4,
                 "resource": {"userName": "ann@example.com", "displayName": "Ann Smith",
                              "name": {"givenName": "Ann", "familyName": "Smith"}}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_UPDATED, data, time);

        assertThat(change).isEqualTo(new AccountChange("t1", "u1", 4, "ann@example.com", null,
                "Ann", "Smith", "Ann Smith", "active", false, false, time));
    }

    @Test
    void missingNamesAreNull() {
        JsonNode data = json("""
                {"tenantId": "t1", "id": "u1", "version": 1, "resource": {"userName": "ann@example.com"}}
                """);

        AccountChange change = AccountChange.from(EventType.USER_CREATED, data, Instant.parse("2025-03-01T10:15:30Z"));

        assertThat(change.givenName()).isNull();
        assertThat(change.familyName()).isNull();
        assertThat(change.displayName()).isNull();
    }
}
