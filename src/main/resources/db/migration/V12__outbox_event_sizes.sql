-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- Each event's size in bytes (UTF-8, as it goes to Kafka), so the relay bounds a batch by bytes
-- before it reads any payload. Rows written before this migration that still wait get theirs here.
alter table outbox_event add column payload_bytes integer;
update outbox_event set payload_bytes = octet_length(payload) where published_at is null;
