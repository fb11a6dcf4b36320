package com.reftab.scim.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.accounts.Accounts;
import com.reftab.scim.http.DownloadReply;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.scim.ListRequest;
import com.reftab.scim.scim.ScimCall;
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
    private static final int CSV_CHUNK = 1000;

    private final Accounts accounts;

    public DisabledUsersReport(Accounts accounts) {
        this.accounts = accounts;
    }

    public JsonReply page(ScimCall call, String startIndex, String count) {
        ListRequest page = ListRequest.of(startIndex, count, MAX_PAGE);
        Accounts.Page result = accounts.disabledNewestFirst(call.tenantId(), page.offset(), page.count());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("totalResults", result.total());
        body.put("startIndex", page.startIndex());
        body.put("itemsPerPage", result.accounts().size());
        body.putArray("users").addAll(result.accounts());
        return JsonReply.json(200, body);
    }

    public DownloadReply csv(ScimCall call) {
        SpreadsheetCsv csv = new SpreadsheetCsv().row(CSV_COLUMNS);
        long offset = 0;
        while (true) {
            List<ObjectNode> chunk = accounts.disabledNewestFirst(call.tenantId(), offset, CSV_CHUNK).accounts();
            chunk.forEach(account -> csv.row(csvRow(account)));
            if (chunk.size() < CSV_CHUNK) {
                break;
            }
            offset += chunk.size();
        }
        return new DownloadReply("text/csv;charset=UTF-8", "disabled-users.csv", csv.text().getBytes(StandardCharsets.UTF_8));
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
