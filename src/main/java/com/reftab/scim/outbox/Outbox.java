package com.reftab.scim.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.events.EventSizeLimit;
import com.reftab.scim.events.ProvisioningEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an event in the caller's transaction, so the change and its event commit together or not at all.
 * Call it as the last statement of the transaction. An event over the size bound is refused here, before
 * anything of it is written: the caller's transaction rolls back and the write is answered 400.
 */
@Repository
public class Outbox {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final EventSizeLimit sizeLimit;
    private final Runnable committed;

    public Outbox(JdbcTemplate jdbc, ObjectMapper mapper, EventSizeLimit sizeLimit) {
        this(jdbc, mapper, sizeLimit, () -> { });
    }

    @Autowired
    public Outbox(JdbcTemplate jdbc, ObjectMapper mapper, EventSizeLimit sizeLimit, OutboxWakeUp relay) {
        this(jdbc, mapper, sizeLimit, relay::changed);
    }

    private Outbox(JdbcTemplate jdbc, ObjectMapper mapper, EventSizeLimit sizeLimit, Runnable committed) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.sizeLimit = sizeLimit;
        this.committed = committed;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(ProvisioningEvent event) {
        byte[] payload = payload(event);
        // Holds the tenant's row to the commit, so outbox order (seq) is the tenant's commit order and
        // the relay can never publish a later change before an earlier one. A write that reaches the
        // outbox without the directory (the admin API's settings, the equipment alerts) takes it here.
        // An UPDATE of a non-key column, not SELECT ... FOR UPDATE: on PostgreSQL that lock also waits
        // for the key-share locks every concurrent insert of a user or group takes on its tenant row
        // (foreign key checks), and two creates deadlocked.
        if (jdbc.update("update tenant set name = name where id = ?", event.tenantId()) != 1) {
            throw new IllegalStateException("No tenant '" + event.tenantId() + "' for event " + event.id());
        }
        insert(event, payload);
    }

    /**
     * For the event of a write that went through the directory in the same transaction (or the same
     * savepoint of it) just before: the directory took the tenant's row first (TenantWriteLock: one
     * lock order) and holds it to the commit, so the outbox does not take it again. One statement less
     * per write, one per member event of a group's change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAfterDirectoryWrite(ProvisioningEvent event) {
        insert(event, payload(event));
    }

    private byte[] payload(ProvisioningEvent event) {
        byte[] payload;
        try {
            payload = mapper.writeValueAsBytes(event.toCloudEvent());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sizeLimit.check(payload.length, event.subject());
        return payload;
    }

    private void insert(ProvisioningEvent event, byte[] payload) {
        jdbc.update("insert into outbox_event (tenant_id, event_id, type, subject, occurred_at, payload, payload_bytes)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                event.tenantId(), event.id(), event.type().type(), event.subject(), Timestamp.from(event.time()),
                new String(payload, StandardCharsets.UTF_8), payload.length);
        // The relay is woken once the event is visible to it: after the commit (of the outermost
        // transaction: a savepoint's synchronisation waits for it), never before.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.run();
                }
            });
        }
    }
}
