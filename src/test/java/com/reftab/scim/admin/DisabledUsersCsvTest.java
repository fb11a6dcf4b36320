package com.reftab.scim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.reftab.scim.accounts.Accounts;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.IdLookup;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.protocol.ScimCall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The disabled-users CSV is read from the user store a chunk at a time while it is sent: every
 * disabled account exactly once, in the report's order, across chunk boundaries and ties.
 */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:disabled-users-csv;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/disabled-users-csv"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({Accounts.class, GroupDirectory.class, IdLookup.class})
class DisabledUsersCsvTest {

    private static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "t-" + UUID.randomUUID();

    @BeforeEach
    void tenant() {
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", tenant, "Test", Timestamp.from(MONDAY));
    }

    private void account(String userId, String status, Instant disabledAt) {
        jdbc.update("insert into account (tenant_id, user_id, user_name, status, version, deleted, created_at, updated_at,"
                        + " disabled_at) values (?, ?, ?, ?, 1, false, ?, ?, ?)",
                tenant, userId, userId + "@atko.com", status, Timestamp.from(MONDAY), Timestamp.from(MONDAY),
                disabledAt == null ? null : Timestamp.from(disabledAt));
    }

    private static List<String> idsOf(InputStream csv) throws IOException {
        String[] lines = new String(csv.readAllBytes(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("\"id\",\"userName\"");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            ids.add(lines[i].substring(1, lines[i].indexOf('"', 1)));
        }
        return ids;
    }

    @Test
    void everyDisabledAccountIsListedOnceNewestFirstAcrossChunksAndTies() throws IOException {
        // Five accounts disabled at the same instant straddle the chunks of two: the tie is broken by id.
        for (String id : List.of("e", "c", "a", "d", "b")) {
            account(id, "disabled", MONDAY.plusSeconds(60));
        }
        account("newest", "disabled", MONDAY.plusSeconds(120));
        account("oldest", "disabled", MONDAY);
        account("active", "active", null);

        InputStream csv = new DisabledUsersReport(accounts, 2).csv(ApiRequest.of(new ScimCall(tenant, "http://localhost"))).content();

        assertThat(idsOf(csv)).containsExactly("newest", "a", "b", "c", "d", "e", "oldest");
    }

    @Test
    void aChunkThatFillsExactlyEndsTheReportWithoutARepeat() throws IOException {
        account("one", "disabled", MONDAY.plusSeconds(2));
        account("two", "disabled", MONDAY.plusSeconds(1));

        InputStream csv = new DisabledUsersReport(accounts, 2).csv(ApiRequest.of(new ScimCall(tenant, "http://localhost"))).content();

        assertThat(idsOf(csv)).containsExactly("one", "two");
    }

    @Test
    void aReportCutOffByAnOutageSaysSoInItsLastLine() throws IOException {
        account("first", "disabled", MONDAY.plusSeconds(2));
        account("second", "disabled", MONDAY.plusSeconds(1));
        InputStream csv = new DisabledUsersReport(accounts, 1).csv(ApiRequest.of(new ScimCall(tenant, "http://localhost"))).content();
        jdbc.execute("alter table account rename to account_away");
        String text;
        try {
            text = new String(csv.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            jdbc.execute("alter table account_away rename to account");
        }

        String[] lines = text.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("\"first\"");
        assertThat(lines[2]).isEqualTo("\"The report is incomplete: the user store could not be read. Download it again.\"");
    }

}
