-- Tuning for H2 alone, after the baseline; PostgreSQL needs none of it.

-- Tells H2's planner what a tenant-scoped table looks like before it has statistics of its own:
-- many rows share a tenant, and a group holds many members. H2 costs an UPDATE or a DELETE as if
-- every index covered it, so without this the index of the foreign key on tenant_id alone tied
-- with the primary key and won, and each write walked all of its tenant's rows
-- (H2AccessPathsTest). H2's own ANALYZE replaces these figures once it has counted.
alter table api_token alter column tenant_id selectivity 1;
alter table scim_user alter column tenant_id selectivity 1;
alter table outbox_event alter column tenant_id selectivity 1;
alter table account alter column tenant_id selectivity 1;
alter table scim_group alter column tenant_id selectivity 1;
alter table scim_group_member alter column tenant_id selectivity 1;
alter table access_role alter column tenant_id selectivity 1;
alter table group_role_mapping alter column tenant_id selectivity 1;
alter table account_access alter column tenant_id selectivity 1;
alter table scim_user_value alter column tenant_id selectivity 1;
alter table dead_letter_event alter column tenant_id selectivity 1;
alter table scim_group_member alter column group_id selectivity 1;
alter table projected_group alter column tenant_id selectivity 1;
alter table projected_group_member alter column tenant_id selectivity 1;
alter table projected_group_member alter column group_id selectivity 1;

-- H2 records an identity column's next value in a transaction of its own, and with WRITE_DELAY=0
-- each of those is a write of the whole store: at H2's default of 32 values per write, a group
-- push of 256 members cost eight extra writes. H2 hands out cached values in order, and after a
-- crash it skips what was cached, never repeats it. Users and members are made in the largest
-- numbers (at a thousand, a group push still paid a store write every fourth push of 256 members).
-- PostgreSQL caches per session, which would break the outbox's order: nothing to do there.
alter table scim_user alter column seq set cache 10000;
alter table scim_group_member alter column seq set cache 10000;
alter table outbox_event alter column seq set cache 1000;
alter table scim_group alter column seq set cache 1000;
alter table dead_letter_event alter column id set cache 1000;

-- On H2 the foreign key from a membership to its user brings an index on (tenant_id, member_id)
-- of its own, the same as scim_group_member_by_member, which PostgreSQL needs and H2 does not:
-- every member added or removed was written to both.
drop index scim_group_member_by_member;
