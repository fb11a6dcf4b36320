package com.reftab.scim.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.accounts.PendingDeactivations;
import com.reftab.scim.accounts.PipelineSettings;
import com.reftab.scim.accounts.ProjectionDelay;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.kafka.ConsumerGroups;
import com.reftab.scim.kafka.ConsumerProgress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/admin/pipeline}: whether the tenant's deactivations reach the user store in time.
 * The tenant's own pending deactivations come from its events and accounts; beside them, how far
 * behind the user store is for everyone (the oldest event the account projection has not applied)
 * and the recent deactivation delay, which say whether a late deactivation is the tenant's alone.
 */
@Component("pipelineStatus")
public class PipelineStatus {

    private final PendingDeactivations pending;
    private final ConsumerProgress progress;
    private final ProjectionDelay delay;
    private final String projectionGroup;
    private final Duration maxDelay;
    private final Clock clock;

    @Autowired
    PipelineStatus(PendingDeactivations pending, ConsumerProgress progress, ProjectionDelay delay,
                   ConsumerGroups groups, PipelineSettings settings) {
        this(pending, progress, delay, groups.projection().groupId(), settings.maxDelay(), Clock.systemUTC());
    }

    PipelineStatus(PendingDeactivations pending, ConsumerProgress progress, ProjectionDelay delay,
                   String projectionGroup, Duration maxDelay, Clock clock) {
        this.pending = pending;
        this.progress = progress;
        this.delay = delay;
        this.projectionGroup = projectionGroup;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    public JsonReply status(ApiRequest request) {
        Instant now = clock.instant();
        PendingDeactivations.Pending deactivations = pending.of(request.tenantId(), now, maxDelay);
        Optional<ConsumerProgress.Standing> userStore = progress.of(projectionGroup);
        boolean behind = userStore.map(standing -> standing.oldestUnappliedAge().compareTo(maxDelay) > 0).orElse(false);

        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("maxDelaySeconds", seconds(maxDelay));
        body.put("deactivationsLate", deactivations.late() > 0);
        ObjectNode tenant = body.putObject("pendingDeactivations");
        tenant.put("count", deactivations.count());
        tenant.put("late", deactivations.late());
        tenant.put("oldestAt", deactivations.oldest().map(Instant::toString).orElse(null));
        tenant.put("oldestAgeSeconds", deactivations.oldest().map(t -> seconds(Duration.between(t, now))).orElse(0.0));
        tenant.put("complete", deactivations.complete());
        ObjectNode service = body.putObject("userStore");
        if (userStore.isPresent()) {
            service.put("oldestUnappliedAgeSeconds", seconds(userStore.get().oldestUnappliedAge()));
        } else {
            service.putNull("oldestUnappliedAgeSeconds");
        }
        service.put("behind", behind);
        ObjectNode recent = body.putObject("deactivationDelay");
        recent.put("measured", delay.deactivationsMeasured());
        Optional<Duration> p99 = delay.recentDeactivationDelay();
        if (p99.isPresent()) {
            recent.put("recentP99Seconds", seconds(p99.get()));
        } else {
            recent.putNull("recentP99Seconds");
        }
        return JsonReply.json(200, body);
    }

    private static double seconds(Duration duration) {
        return Math.max(0, duration.toMillis()) / 1000.0;
    }
}
