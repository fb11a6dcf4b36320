package com.reftab.scim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

/** What must hold of the directory and its outbox after any mix of writes, read straight from the tables. */
final class DirectoryConsistency {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    DirectoryConsistency(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Member rows whose user is gone: none may exist, on any tenant. */
    long memberRowsWithoutAUser() {
        return jdbc.queryForObject("select count(*) from scim_group_member m where not exists (select 1 from scim_user u"
                + " where u.tenant_id = m.tenant_id and u.id = m.member_id)", Long.class);
    }

    /** The group's members as its rows hold them. */
    Set<String> members(String groupId) {
        return new TreeSet<>(jdbc.queryForList("select member_id from scim_group_member where group_id = ?", String.class, groupId));
    }

    /** The group's members as its membership events, replayed in outbox order, leave them. */
    Set<String> membersByEvents(String groupId) {
        Map<String, Boolean> present = new LinkedHashMap<>();
        for (Map<String, Object> event : jdbc.queryForList("select type, payload from outbox_event where subject = ? order by seq",
                "Groups/" + groupId)) {
            String type = event.get("type").toString();
            boolean added = type.endsWith("members.added");
            if (added || type.endsWith("members.removed")) {
                try {
                    JSON.readTree(event.get("payload").toString()).path("data").path("members")
                            .forEach(member -> present.put(member.path("value").asText(), added));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Set<String> members = new TreeSet<>();
        present.forEach((id, isMember) -> {
            if (isMember) {
                members.add(id);
            }
        });
        return members;
    }

    /** A user's version and the number of its events: equal, each write moving one and appending the other. */
    long[] versionAndEvents(String userId) {
        Long version = jdbc.queryForList("select version from scim_user where id = ?", Long.class, userId).stream().findFirst().orElse(null);
        long events = jdbc.queryForObject("select count(*) from outbox_event where subject = ?", Long.class, "Users/" + userId);
        return new long[] {version == null ? -1 : version, events};
    }
}
