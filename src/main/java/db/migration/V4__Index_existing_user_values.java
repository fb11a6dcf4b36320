package db.migration;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.AttributeValues;
import com.reftab.scim.protocol.UserSchema;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Fills the value rows of users stored before filters were answered from them (V3). */
public class V4__Index_existing_user_values extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        ObjectMapper mapper = new ObjectMapper();
        List<String[]> users = jdbc.query("select tenant_id, id, resource from scim_user",
                (rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        for (String[] user : users) {
            ObjectNode resource = (ObjectNode) mapper.readTree(user[2]);
            List<Object[]> rows = AttributeValues.of(UserSchema.SCHEMA, resource).stream()
                    .map(row -> new Object[] {user[0], user[1], row.attribute(), row.position(), row.text(), row.key(), row.bool()})
                    .toList();
            jdbc.batchUpdate("insert into scim_user_value (tenant_id, resource_id, attribute, position, text_value, text_key,"
                    + " boolean_value) values (?, ?, ?, ?, ?, ?, ?)", rows);
        }
    }
}
