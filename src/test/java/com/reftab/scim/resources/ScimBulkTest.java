package com.reftab.scim.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.filter.FilterLimits;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import com.reftab.scim.protocol.ScimCall;

/** What the directory itself failing means for the rest of a bulk request; HTTP tests cover the rest. */
class ScimBulkTest {

    private static final ScimCall CALL = new ScimCall("default", "https://scim.example");

    /** Users whose creation fails with the directory away, recording which userNames were attempted. */
    private static final class UnreachableUsers extends Notes {

        final List<String> attempted = new ArrayList<>();
        int deleted;

        @Override
        public String endpoint() {
            return "Users";
        }

        @Override
        public Creation<Note> creation(ScimCall call, ObjectNode body) {
            attempted.add(body.path("userName").asText());
            throw new DataAccessResourceFailureException("connection refused");
        }

        @Override
        public Optional<Note> findForUpdate(String tenantId, String id) {
            return Optional.of(new Note(tenantId, id, JsonNodeFactory.instance.objectNode(), 1));
        }

        @Override
        public void delete(Note current, Instant now) {
            deleted++;
        }
    }

    private static ScimBulk scimBulk(UnreachableUsers users, TransactionOperations transaction, LongSupplier nanoTime) {
        return new ScimBulk(new Resources(TransactionOperations.withoutTransaction(), FilterLimits.DEFAULTS, 200),
                new ResourceTypes(List.of(users)), transaction, 1000, nanoTime);
    }

    private static JsonNode bulk(UnreachableUsers users, String operations) {
        return bulk(users, operations, TransactionOperations.withoutTransaction());
    }

    private static JsonNode bulk(UnreachableUsers users, String operations, TransactionOperations transaction) {
        byte[] body = ("{\"Operations\":[" + operations + "]}").getBytes(StandardCharsets.UTF_8);
        ResourceResult reply = scimBulk(users, transaction, System::nanoTime).apply(CALL, body);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body().path("Operations");
    }

    @Test
    void theDirectoryFailingEndsTheRunWithThatOperationsErrorAndTheResultsSoFar() {
        UnreachableUsers users = new UnreachableUsers();

        JsonNode results = bulk(users, """
                {"method":"DELETE","path":"/Users/1"},
                {"method":"POST","bulkId":"a","path":"/Users","data":{"userName":"a"}},
                {"method":"POST","bulkId":"b","path":"/Users","data":{"userName":"b"}}""");

        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("status").asText()).isEqualTo("204");
        assertThat(results.get(1).path("status").asText()).isEqualTo("503");
        assertThat(results.get(1).path("response").path("detail").asText()).doesNotContain("connection refused");
        assertThat(users.attempted).containsExactly("a");
    }

    @Test
    void aRefusedOperationDoesNotEndTheRun() {
        UnreachableUsers users = new UnreachableUsers();

        JsonNode results = bulk(users, """
                {"method":"POST","path":"/Users","data":{"userName":"no-bulk-id"}},
                {"method":"DELETE","path":"/Users/1"}""");

        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("status").asText()).isEqualTo("400");
        assertThat(results.get(1).path("status").asText()).isEqualTo("204");
        assertThat(users.attempted).isEmpty();
    }

    @Test
    void aCommitThatFailsTurnsItsOperationsIntoErrorsAndEndsTheRun() {
        AtomicInteger commits = new AtomicInteger();
        TransactionOperations secondCommitFails = new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                T result = action.doInTransaction(new SimpleTransactionStatus());
                if (commits.incrementAndGet() == 2) {
                    throw new DataAccessResourceFailureException("commit failed");
                }
                return result;
            }
        };
        String deletes = IntStream.range(0, 3 * ScimBulk.COMMIT_EVERY)
                .mapToObj(i -> "{\"method\":\"DELETE\",\"path\":\"/Users/" + i + "\"}")
                .collect(Collectors.joining(","));

        JsonNode results = bulk(new UnreachableUsers(), deletes, secondCommitFails);

        assertThat(results).hasSize(2 * ScimBulk.COMMIT_EVERY);
        assertThat(results.get(ScimBulk.COMMIT_EVERY - 1).path("status").asText()).isEqualTo("204");
        assertThat(results.get(ScimBulk.COMMIT_EVERY).path("status").asText()).isEqualTo("503");
        assertThat(results.get(ScimBulk.COMMIT_EVERY).has("location")).isFalse();
        assertThat(results.get(2 * ScimBulk.COMMIT_EVERY - 1).path("status").asText()).isEqualTo("503");
        assertThat(commits).hasValue(2);
    }

    @Test
    void operationsCommitOnceTheirTransactionHasRunItsTimeSoOtherWritesOfTheTenantWaitNoLonger() {
        AtomicInteger commits = new AtomicInteger();
        List<Integer> sliceSizes = new ArrayList<>();
        UnreachableUsers users = new UnreachableUsers();
        TransactionOperations counted = new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                int before = users.deleted;
                T result = action.doInTransaction(new SimpleTransactionStatus());
                sliceSizes.add(users.deleted - before);
                commits.incrementAndGet();
                return result;
            }
        };
        AtomicLong clock = new AtomicLong();
        // Every operation takes a third of the time a transaction may run.
        long step = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ScimBulk.COMMIT_AFTER_MILLIS) / 3 + 1;
        String deletes = IntStream.range(0, 7).mapToObj(i -> "{\"method\":\"DELETE\",\"path\":\"/Users/" + i + "\"}")
                .collect(Collectors.joining(","));

        ResourceResult reply = scimBulk(users, counted, () -> clock.getAndAdd(step))
                .apply(CALL, ("{\"Operations\":[" + deletes + "]}").getBytes(StandardCharsets.UTF_8));

        assertThat(reply.body().path("Operations")).hasSize(7).allSatisfy(result -> assertThat(result.path("status").asText()).isEqualTo("204"));
        assertThat(sliceSizes).containsExactly(3, 3, 1);
        assertThat(commits).hasValue(3);
    }
}
