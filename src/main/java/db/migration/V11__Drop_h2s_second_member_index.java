package db.migration;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On H2 the foreign key from a membership to its user brings an index on (tenant_id, member_id)
 * of its own, the same as {@code scim_group_member_by_member}, which PostgreSQL needs and H2 does
 * not: every member added or removed was written to both. H2 also gets identity values ten
 * thousand at a time (after V10's thousand, a group push still paid a store write every fourth
 * push of 256 members).
 */
public class V11__Drop_h2s_second_member_index extends H2OnlyMigration {

    @Override
    void migrate(JdbcTemplate jdbc) {
        jdbc.execute("drop index scim_group_member_by_member");
        jdbc.execute("alter table scim_group_member alter column seq set cache 10000");
        jdbc.execute("alter table scim_user alter column seq set cache 10000");
    }
}
