-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- Set on a tenant's waiting events while the tenant is held behind an event Kafka refused for
-- good; cleared when an operator parks that event or retries it. The relay's read skips held
-- events by the index, so a held tenant's backlog costs nothing per poll.
alter table outbox_event add column held_at timestamp with time zone;
drop index outbox_event_pending;
create index outbox_event_pending on outbox_event (published_at, held_at, seq);

-- A tenant whose events wait behind one Kafka refused for good (too large, not authorised, ...).
create table outbox_hold (
    tenant_id   varchar(64)    primary key,
    seq         bigint         not null,
    reason      varchar(2000)  not null,
    held_since  timestamp with time zone not null
);

-- Events an operator parked so their tenant could go on: kept with the reason Kafka gave, by
-- their outbox sequence, until the dead-letter retention removes them.
create table outbox_parked_event (
    seq           bigint         primary key,
    tenant_id     varchar(64)    not null,
    event_id      varchar(36)    not null,
    type          varchar(128)   not null,
    subject       varchar(512)   not null,
    occurred_at   timestamp with time zone not null,
    payload       text           not null,
    payload_bytes integer        not null,
    reason        varchar(2000)  not null,
    held_since    timestamp with time zone not null,
    parked_at     timestamp with time zone not null
);
create index outbox_parked_event_tenant on outbox_parked_event (tenant_id, parked_at);
