package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import com.reftab.scim.http.ErrorReplyWriter;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link DatabaseUnreachableTest} on a PostgreSQL server of its own, and a database that is up but
 * stuck: statements waiting on locks held elsewhere, a transaction of slow statements.
 */
class DatabaseUnreachableOnPostgresTest extends DatabaseUnreachableTest {

    @Override
    StoppableDatabase startDatabase(Path directory) {
        return StoppablePostgres.startIn(directory);
    }

    @Test
    void aReadStuckBehindALockIsAnswered503WithinTheBound() throws Exception {
        String id = scim.post("/scim/v2/Users", oktaUser("locked-read-" + UUID.randomUUID() + "@atko.com", "Locked", "Read"))
                .body().path("id").asText();

        try (Connection blocker = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
             Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("lock table scim_user in access exclusive mode");

            assertUnavailableWithinBound(() -> scim.get("/scim/v2/Users/" + id));
            blocker.rollback();
        }
        assertThat(scim.get("/scim/v2/Users/" + id).status()).isEqualTo(200);
    }

    @Test
    void aWriteStuckBehindALockedRowIsAnswered503WithinTheBoundAndChangesNothing() throws Exception {
        String id = scim.post("/scim/v2/Users", oktaUser("locked-write-" + UUID.randomUUID() + "@atko.com", "Locked", "Write"))
                .body().path("id").asText();

        try (Connection blocker = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
             PreparedStatement statement = blocker.prepareStatement("select id from scim_user where id = ? for update")) {
            blocker.setAutoCommit(false);
            statement.setString(1, id);
            statement.execute();

            assertUnavailableWithinBound(() -> scim.patch("/scim/v2/Users/" + id, activePatch(false)));
            blocker.rollback();
        }
        assertThat(scim.get("/scim/v2/Users/" + id).body().path("active").asBoolean()).isTrue();
    }

    @Test
    void aRequestTransactionOfManySlowStatementsEndsAtItsTimeout() {
        TransactionTemplate requestTransactions = service.getBean(TransactionTemplate.class);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);

        long started = System.nanoTime();
        Throwable failure = catchThrowable(() -> requestTransactions.executeWithoutResult(status -> {
            for (int i = 0; i < 3; i++) {
                jdbc.execute("select pg_sleep(2)");
            }
        }));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(ErrorReplyWriter.replyFor(failure).status()).isEqualTo(503);
        assertThat(elapsed).isLessThan(BOUND);
    }
}
