package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Which database the integration tests run on: a variant that silently fell back to H2 would prove nothing. */
@ScimIntegrationTest
class DatabaseUnderTestTest {

    @Autowired
    DataSource dataSource;

    String expectedProduct() {
        return "H2";
    }

    @Test
    void theServiceRunsOnTheDatabaseTheAnnotationNames() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expectedProduct());
        }
    }
}
