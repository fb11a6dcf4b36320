package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.add;
import static com.reftab.scim.it.GroupCalls.ids;
import static com.reftab.scim.it.GroupCalls.remove;
import static com.reftab.scim.it.GroupCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.reftab.scim.it.GroupCalls.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Pushes to one group racing each other: every change lands, none is lost, each bumps the version once. */
@ScimIntegrationTest
class ConcurrentGroupPatchTest {

    private static final int THREADS = 8;
    private static final int PATCHES_PER_THREAD = 5;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eightThreadsPatchingOneGroupLoseNoMemberAndNoChange() throws Exception {
        GroupCalls groups = new GroupCalls(new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN));
        List<User> users = groups.users(40);
        List<User> leaving = users.subList(0, 10);
        List<User> joining = users.subList(10, 40);
        String id = groups.groupWith(unique("Contended"), leaving);
        List<List<String>> work = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            List<String> patches = new ArrayList<>();
            for (int i = 0; i < PATCHES_PER_THREAD; i++) {
                patches.add(thread < 6
                        ? add(List.of(joining.get(thread * PATCHES_PER_THREAD + i)))
                        : remove(leaving.get((thread - 6) * PATCHES_PER_THREAD + i)));
            }
            work.add(patches);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (List<String> patches : work) {
            results.add(pool.submit(() -> {
                start.await();
                List<Integer> statuses = new ArrayList<>();
                for (String patch : patches) {
                    statuses.add(groups.patch(id, patch).status());
                }
                return statuses;
            }));
        }

        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
            statuses.addAll(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(statuses).hasSize(40).containsOnly(204);
        assertThat(groups.memberIds(id)).containsExactlyInAnyOrderElementsOf(ids(joining));
        assertThat(groups.version(id)).isEqualTo("W/\"42\"");
        List<String> events = jdbc.queryForList("select type from outbox_event where subject = ?", String.class, "Groups/" + id);
        assertThat(events).filteredOn("com.reftab.scim.group.members.added"::equals).hasSize(31);
        assertThat(events).filteredOn("com.reftab.scim.group.members.removed"::equals).hasSize(10);
    }
}
