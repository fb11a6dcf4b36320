package db.migration;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2 records an identity column's next value in a transaction of its own, and with
 * {@code WRITE_DELAY=0} each of those is a write of the whole store: at H2's default of 32 values
 * per write, a group push of 256 members cost eight extra writes, and every 32nd create one more.
 * H2 hands out cached values in order, and after a crash it skips what was cached, never repeats
 * it. PostgreSQL caches per session, which would break the outbox's order: nothing to do there.
 */
public class V10__Let_h2_hand_out_identities_in_thousands extends H2OnlyMigration {

    static final int CACHE = 1000;

    @Override
    void migrate(JdbcTemplate jdbc) {
        List<Map<String, Object>> columns = jdbc.queryForList("select table_name, column_name from information_schema.columns"
                + " where table_schema = 'public' and is_identity = 'YES'");
        for (Map<String, Object> column : columns) {
            jdbc.execute("alter table \"" + column.get("table_name") + "\" alter column \"" + column.get("column_name")
                    + "\" set cache " + CACHE);
        }
    }
}
