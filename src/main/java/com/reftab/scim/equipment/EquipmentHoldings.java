package com.reftab.scim.equipment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What people hold, as the equipment-holdings consumer keeps it (routes/equipment-holdings.yaml):
 * the items each account holds, and the disabled accounts that still hold some. A loan that names
 * its person by userName or e-mail (made before provisioning) is that account's as soon as an account
 * of that userName or primary e-mail exists (case-insensitive; the lowest user id if two match).
 * Every read is of one tenant.
 */
@Component
public class EquipmentHoldings {

    private static final String ITEM_COLUMNS = "l.item_id, l.name, l.category, l.asset_tag, l.item_value, l.currency, l.since";

    /**
     * Who holds loan {@code l}: its user id, else the lowest user id of the accounts whose userName
     * key or e-mail key is the loan's (each an index lookup; holder keys are lower-cased when written).
     */
    private static final String HOLDER = "coalesce(l.holder_user_id, least("
            + "coalesce(" + byKey("user_name_key", "holder_user_name") + ", " + byKey("email_key", "holder_email") + "),"
            + " coalesce(" + byKey("email_key", "holder_email") + ", " + byKey("user_name_key", "holder_user_name") + ")))";

    /** The items held in a tenant, each with the account it is held by (null when no account matches yet). */
    private static final String HELD = "(select " + ITEM_COLUMNS + ", " + HOLDER + " as holder"
            + " from equipment_loan l where l.tenant_id = ? and l.status = 'held')";

    /**
     * The items a person may hold, found from the person: lent to their user id, or by userName or
     * e-mail to their keys (then theirs only if they are the lowest user id of those keys). Each part
     * is read by its own index; a row found twice is one row of the union.
     */
    private static final String HELD_BY = "select * from ("
            + "select " + ITEM_COLUMNS + ", l.holder_user_id as holder from equipment_loan l"
            + " where l.tenant_id = ? and l.status = 'held' and l.holder_user_id = ?"
            + " union select " + ITEM_COLUMNS + ", " + HOLDER + " as holder from account a join equipment_loan l"
            + " on l.tenant_id = a.tenant_id and l.status = 'held' and l.holder_user_name = a.user_name_key"
            + " where a.tenant_id = ? and a.user_id = ?"
            + " union select " + ITEM_COLUMNS + ", " + HOLDER + " as holder from account a join equipment_loan l"
            + " on l.tenant_id = a.tenant_id and l.status = 'held' and l.holder_email = a.email_key"
            + " where a.tenant_id = ? and a.user_id = ?"
            + ") h where h.holder = ? order by h.since, h.item_id";

    private static String byKey(String accountKey, String loanKey) {
        return "(select min(p.user_id) from account p where p.tenant_id = l.tenant_id and p." + accountKey + " = l." + loanKey + ")";
    }

    private static final String DISABLED_HOLDERS = " from " + HELD + " h join account a on a.tenant_id = ? and a.user_id = h.holder"
            + " where a.status = 'disabled'";

    /** A page of the report: how many disabled people hold equipment in all, and those of the page. */
    public record Page(long total, List<DisabledHolder> holders) {
    }

    private final JdbcTemplate jdbc;

    public EquipmentHoldings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The items the account holds now, the longest held first. */
    public List<HeldItem> heldBy(String tenantId, String userId) {
        return jdbc.query(HELD_BY, EquipmentHoldings::item, tenantId, userId, tenantId, userId, tenantId, userId, userId);
    }

    /**
     * The disabled accounts that hold equipment, in {@code order}, {@code limit} of them from
     * {@code offset}, each with everything they hold.
     */
    public Page disabledWithEquipment(String tenantId, HoldingsOrder order, long offset, int limit) {
        Long total = jdbc.queryForObject("select count(distinct a.user_id)" + DISABLED_HOLDERS, Long.class, tenantId, tenantId);
        List<DisabledHolder> people = jdbc.query("select a.user_id, a.user_name, a.display_name, a.disabled_at,"
                        + " coalesce(sum(h.item_value), 0) as total_value" + DISABLED_HOLDERS
                        + " group by a.user_id, a.user_name, a.display_name, a.disabled_at"
                        + " order by " + order.orderBy() + " limit ? offset ?",
                (rs, row) -> new DisabledHolder(rs.getString("user_id"), rs.getString("user_name"),
                        rs.getString("display_name"), instant(rs.getTimestamp("disabled_at")),
                        rs.getBigDecimal("total_value"), List.of()),
                tenantId, tenantId, limit, offset);
        return new Page(total == null ? 0 : total, withItems(tenantId, people));
    }

    private List<DisabledHolder> withItems(String tenantId, List<DisabledHolder> people) {
        if (people.isEmpty()) {
            return people;
        }
        Map<String, List<HeldItem>> items = new LinkedHashMap<>();
        List<Object> arguments = new ArrayList<>();
        arguments.add(tenantId);
        people.forEach(person -> arguments.add(person.userId()));
        jdbc.query("select * from " + HELD + " h where h.holder in ("
                        + String.join(", ", Collections.nCopies(people.size(), "?")) + ") order by h.since, h.item_id",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    items.computeIfAbsent(rs.getString("holder"), holder -> new ArrayList<>()).add(item(rs, 0));
                }, arguments.toArray());
        return people.stream()
                .map(person -> new DisabledHolder(person.userId(), person.userName(), person.displayName(),
                        person.disabledAt(), person.totalValue(), items.getOrDefault(person.userId(), List.of())))
                .toList();
    }

    private static HeldItem item(ResultSet rs, int row) throws SQLException {
        BigDecimal value = rs.getBigDecimal("item_value");
        return new HeldItem(rs.getString("item_id"), rs.getString("name"), rs.getString("category"),
                rs.getString("asset_tag"), instant(rs.getTimestamp("since")), value, rs.getString("currency"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
