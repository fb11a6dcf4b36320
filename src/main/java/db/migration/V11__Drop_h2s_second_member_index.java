package db.migration;

import java.sql.Connection;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * On H2 the foreign key from a membership to its user brings an index on (tenant_id, member_id)
 * of its own, the same as {@code scim_group_member_by_member}, which PostgreSQL needs and H2 does
 * not: every member added or removed was written to both. H2 also gets identity values ten
 * thousand at a time (after V10's thousand, a group push still paid a store write every fourth
 * push of 256 members).
 */
public class V11__Drop_h2s_second_member_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        jdbc.execute("drop index scim_group_member_by_member");
        jdbc.execute("alter table scim_group_member alter column seq set cache 10000");
        jdbc.execute("alter table scim_user alter column seq set cache 10000");
    }
}
