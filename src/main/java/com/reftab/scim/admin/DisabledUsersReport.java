package com.reftab.scim.admin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.accounts.Accounts;
import com.reftab.scim.http.ChunkedContent;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.DownloadReply;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.protocol.ListRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The users provisioning has disabled, most recently disabled first: the start of Reftab's
 * "disabled users still holding equipment" report, as a page for the screen and as a CSV file.
 */
@Component("disabledUsersReport")
public class DisabledUsersReport {

    static final List<String> CSV_COLUMNS = List.of("id", "userName", "email", "givenName", "familyName",
            "displayName", "accessRole", "groups", "disabledAt", "deletedInIdentityProvider");
    private static final int MAX_PAGE = 500;
    /** Accounts read and written per chunk of the CSV: what the download holds in memory at once. */
    static final int CSV_CHUNK = 1000;

    private final Accounts accounts;
    private final int csvChunk;

    @Autowired
    public DisabledUsersReport(Accounts accounts) {
        this(accounts, CSV_CHUNK);
    }

    DisabledUsersReport(Accounts accounts, int csvChunk) {
        this.accounts = accounts;
        this.csvChunk = csvChunk;
    }

    public JsonReply page(ApiRequest request) {
        ListRequest page = request.page(MAX_PAGE);
        Accounts.Page result = accounts.disabledNewestFirst(request.tenantId(), page.offset(), page.count());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("totalResults", result.total());
        body.put("startIndex", page.startIndex());
        body.put("itemsPerPage", result.accounts().size());
        body.putArray("users").addAll(result.accounts());
        return JsonReply.json(200, body);
    }

    /**
     * The whole report as CSV, made a chunk of accounts at a time while the client downloads it:
     * memory holds one chunk whatever the number of disabled accounts.
     */
    public DownloadReply csv(ApiRequest request) {
        CsvDownload download = new CsvDownload("disabled-users", request.tenantId(), CSV_COLUMNS,
                new AccountChunks(request.tenantId()));
        return new DownloadReply("text/csv;charset=UTF-8", "disabled-users.csv", new ChunkedContent(download::next));
    }

    /** Chunks of accounts, each after the last account of the one before, until a chunk comes back short. */
    private final class AccountChunks implements CsvDownload.Chunks {

        private final String tenantId;
        private Accounts.DisabledPosition after;

        AccountChunks(String tenantId) {
            this.tenantId = tenantId;
        }

        @Override
        public CsvDownload.Chunk next() {
            List<ObjectNode> chunk = accounts.disabledNewestFirstAfter(tenantId, after, csvChunk);
            if (!chunk.isEmpty()) {
                ObjectNode last = chunk.get(chunk.size() - 1);
                after = new Accounts.DisabledPosition(Timestamp.from(Instant.parse(last.get("disabledAt").asText())),
                        last.get("id").asText());
            }
            return new CsvDownload.Chunk(chunk.stream().map(DisabledUsersReport::csvRow).toList(), chunk.size() < csvChunk);
        }
    }

    private static List<String> csvRow(ObjectNode account) {
        List<String> groups = new ArrayList<>();
        account.path("groups").forEach(group -> groups.add(group.path("displayName").asText()));
        return List.of(text(account, "id"), text(account, "userName"), text(account, "email"), text(account, "givenName"),
                text(account, "familyName"), text(account, "displayName"), text(account, "accessRole"),
                String.join("; ", groups), text(account, "disabledAt"), text(account, "deletedInIdentityProvider"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
