-- As for the other identity columns (V1_1): H2 takes identity values in a store write of its own
-- every `cache` values; notifications are few, but a digest for many tenants makes one each.
alter table equipment_notification alter column id set cache 1000;
