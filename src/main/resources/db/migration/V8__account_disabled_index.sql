-- The disabled-users report lists a tenant's disabled accounts newest first, paged.
create index account_disabled on account (tenant_id, status, disabled_at);
