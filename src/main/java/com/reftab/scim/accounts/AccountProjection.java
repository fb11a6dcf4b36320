package com.reftab.scim.accounts;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.events.EventType;
import org.springframework.stereotype.Component;

/**
 * What user events mean for the Reftab user store's accounts: the account-projection route
 * (routes/account-projection.yaml) writes each change it returns, newer than the account only (the
 * statement's version check), so redelivered and replayed events are harmless. It reads nothing:
 * an account is a projection of its user's events alone. A deleted user keeps a disabled account:
 * Reftab keeps their equipment history.
 */
@Component("accountProjection")
public class AccountProjection {

    private static final Set<EventType> USER_EVENTS = EnumSet.of(EventType.USER_CREATED, EventType.USER_UPDATED,
            EventType.USER_DEACTIVATED, EventType.USER_REACTIVATED, EventType.USER_DELETED);

    private final ObjectMapper mapper;
    private final ProjectionDelay delay;

    AccountProjection(ObjectMapper mapper, ProjectionDelay delay) {
        this.mapper = mapper;
        this.delay = delay;
    }

    /** The account changes of a poll's events, in their order; events of other kinds have none. */
    public List<AccountChange> applyAll(List<String> cloudEvents) throws IOException {
        List<AccountChange> changes = new ArrayList<>();
        for (String cloudEvent : cloudEvents) {
            changes.addAll(changeOf(cloudEvent));
        }
        return changes;
    }

    /** The account change of one event: none, or one. */
    public List<AccountChange> apply(String cloudEvent) throws IOException {
        return changeOf(cloudEvent);
    }

    private List<AccountChange> changeOf(String cloudEvent) throws IOException {
        JsonNode event = mapper.readTree(cloudEvent);
        EventType type = EventType.of(event.path("type").asText());
        if (!USER_EVENTS.contains(type)) {
            return List.of();
        }
        return List.of(AccountChange.from(type, event.path("data"), Instant.parse(event.path("time").asText())));
    }

    /**
     * Notes a change the route wrote: measured once its transaction commits, if it changed the
     * account (an older or repeated event changes no row).
     */
    public void written(AccountChange change, int rowsChanged) {
        if (rowsChanged > 0) {
            delay.accountUpdated(change.time(), change.deactivation());
        }
    }
}
