package com.reftab.scim.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.equipment.DisabledHolder;
import com.reftab.scim.equipment.EquipmentHoldings;
import com.reftab.scim.equipment.HeldItem;
import com.reftab.scim.equipment.HoldingsOrder;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.ChunkedContent;
import com.reftab.scim.http.DownloadReply;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.protocol.ListRequest;
import com.reftab.scim.protocol.ScimException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * "Disabled users with equipment": each person provisioning has disabled who still holds items,
 * with the items, the days since they were disabled and the value they hold, disabled the longest
 * first ({@code sort=oldest}) or the most value first ({@code sort=value}); as a page for the screen
 * and as CSV, one row per item.
 */
@Component("disabledUsersWithEquipmentReport")
public class DisabledUsersWithEquipmentReport {

    static final List<String> CSV_COLUMNS = List.of("id", "userName", "displayName", "disabledAt", "daysDisabled",
            "totalValue", "itemId", "name", "category", "assetTag", "since", "value", "currency");
    static final int MAX_PAGE = 500;
    /** People read and written per chunk of the CSV: what the download holds in memory at once. */
    static final int CSV_CHUNK = 200;

    private final EquipmentHoldings holdings;
    private final Clock clock;
    private final int csvChunk;

    @Autowired
    public DisabledUsersWithEquipmentReport(EquipmentHoldings holdings) {
        this(holdings, Clock.systemUTC(), CSV_CHUNK);
    }

    DisabledUsersWithEquipmentReport(EquipmentHoldings holdings, Clock clock, int csvChunk) {
        this.holdings = holdings;
        this.clock = clock;
        this.csvChunk = csvChunk;
    }

    public JsonReply page(ApiRequest request) {
        HoldingsOrder order = order(request);
        ListRequest page = request.page(MAX_PAGE);
        EquipmentHoldings.Page result = holdings.disabledWithEquipment(request.tenantId(), order, page.offset(), page.count());
        Instant now = clock.instant();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("totalResults", result.total());
        body.put("startIndex", page.startIndex());
        body.put("itemsPerPage", result.holders().size());
        body.put("sort", order.shortName());
        ArrayNode users = body.putArray("users");
        result.holders().forEach(holder -> users.add(json(holder, now)));
        return JsonReply.json(200, body);
    }

    /** The whole report as CSV, written a chunk of people at a time while the client downloads it. */
    public DownloadReply csv(ApiRequest request) {
        CsvDownload download = new CsvDownload("disabled-users-with-equipment", request.tenantId(), CSV_COLUMNS,
                new HolderChunks(request.tenantId(), order(request)));
        return new DownloadReply("text/csv;charset=UTF-8", "disabled-users-with-equipment.csv",
                new ChunkedContent(download::next));
    }

    private static HoldingsOrder order(ApiRequest request) {
        String sort = request.query("sort");
        if (sort == null || sort.isEmpty()) {
            return HoldingsOrder.OLDEST;
        }
        HoldingsOrder order = HoldingsOrder.of(sort);
        if (order == null) {
            throw ScimException.invalidValue("'sort' is 'oldest' (disabled the longest first, the default) or 'value'"
                    + " (the most value held first).");
        }
        return order;
    }

    private static ObjectNode json(DisabledHolder holder, Instant now) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.put("id", holder.userId());
        user.put("userName", holder.userName());
        user.put("displayName", holder.displayName());
        user.put("disabledAt", holder.disabledAt() == null ? null : holder.disabledAt().toString());
        user.put("daysDisabled", holder.daysDisabled(now));
        user.put("totalValue", holder.totalValue());
        ArrayNode items = user.putArray("items");
        for (HeldItem held : holder.items()) {
            ObjectNode item = items.addObject();
            item.put("itemId", held.itemId());
            item.put("name", held.name());
            item.put("category", held.category());
            item.put("assetTag", held.assetTag());
            item.put("since", held.since() == null ? null : held.since().toString());
            item.put("value", held.value());
            item.put("currency", held.currency());
        }
        return user;
    }

    /** Chunks of people, one row per item they hold, until a chunk of people comes back short. */
    private final class HolderChunks implements CsvDownload.Chunks {

        private final String tenantId;
        private final HoldingsOrder order;
        private final Instant now = clock.instant();
        private long offset;

        HolderChunks(String tenantId, HoldingsOrder order) {
            this.tenantId = tenantId;
            this.order = order;
        }

        @Override
        public CsvDownload.Chunk next() {
            List<DisabledHolder> chunk = holdings.disabledWithEquipment(tenantId, order, offset, csvChunk).holders();
            offset += chunk.size();
            List<List<String>> rows = new ArrayList<>();
            chunk.forEach(holder -> holder.items().forEach(item -> rows.add(csvRow(holder, item))));
            return new CsvDownload.Chunk(rows, chunk.size() < csvChunk);
        }

        private List<String> csvRow(DisabledHolder holder, HeldItem item) {
            List<String> row = new ArrayList<>();
            row.add(holder.userId());
            row.add(holder.userName());
            row.add(holder.displayName());
            row.add(holder.disabledAt() == null ? "" : holder.disabledAt().toString());
            row.add(Long.toString(holder.daysDisabled(now)));
            row.add(plain(holder.totalValue()));
            row.add(item.itemId());
            row.add(item.name());
            row.add(item.category());
            row.add(item.assetTag());
            row.add(item.since() == null ? "" : item.since().toString());
            row.add(plain(item.value()));
            row.add(item.currency());
            return row;
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
