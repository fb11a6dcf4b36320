package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ScimIntegrationTest
class ConcurrentCreateTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twentySimultaneousCreatesOfDifferentUsersAllSucceed() throws Exception {
        String prefix = "parallel-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        HttpCalls scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);

        List<Integer> results = simultaneously(20, i -> scim.post("/scim/v2/Users",
                oktaUser(prefix + i + "@atko.com", "Parallel", "User" + i)).status());

        assertThat(results).containsOnly(201);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where type = ? and payload like ?", Long.class,
                "com.reftab.scim.user.created", "%" + prefix + "%")).isEqualTo(20);
    }

    @Test
    void twentyRacingCreatesOfOneUserNameInMixedCaseGiveOneCreatedAndNineteenConflicts() throws Exception {
        String userName = "Race" + UUID.randomUUID().toString().substring(0, 8) + "@Atko.com";
        HttpCalls scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);

        List<Integer> results = simultaneously(20, i -> scim.post("/scim/v2/Users", oktaUser(
                i % 2 == 0 ? userName.toLowerCase(Locale.ROOT) : userName.toUpperCase(Locale.ROOT), "Race", "Condition")).status());

        assertThat(results).filteredOn(s -> s == 201).hasSize(1);
        assertThat(results).filteredOn(s -> s == 409).hasSize(19);
        assertThat(jdbc.queryForObject("select count(*) from scim_user where user_name_key = ?", Long.class,
                userName.toLowerCase(Locale.ROOT))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where type = ? and payload like ?", Long.class,
                "com.reftab.scim.user.created", "%" + userName.toLowerCase(Locale.ROOT).substring(0, 12) + "%")).isEqualTo(1);
    }

    /** Runs the calls on as many threads, released together, and answers their statuses in call order. */
    private static List<Integer> simultaneously(int calls, IntFunction<Integer> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int index = i;
            statuses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return call.apply(index);
            }, pool));
        }
        start.countDown();
        List<Integer> results = statuses.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        return results;
    }
}
