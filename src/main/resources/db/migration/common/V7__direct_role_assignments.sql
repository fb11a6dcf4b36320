-- Access roles the identity provider assigns a person directly (the SCIM User's `roles`: Okta
-- entitlements, Entra app roles), one row per role, rewritten with each write of the user in the
-- same transaction. The directory's copy: the admin API reads it; the role mapping reads events.
create table direct_role_assignment (
    tenant_id  varchar(64)  not null,
    user_id    varchar(36)  not null,
    role       varchar(64)  not null,
    primary key (tenant_id, user_id, role)
);

-- When true, a person's direct assignments decide their role whenever they have one; when false,
-- the highest precedence among direct assignments and mapped groups wins. Counted up per change
-- and carried by its event, like the default role.
alter table tenant add column direct_roles_authoritative boolean default false not null;
alter table tenant add column direct_roles_version bigint default 0 not null;

-- Written only by the role-mapping consumer: each user's highest-precedence direct role as their
-- latest user event told it (null: none), guarded by the user's version.
create table projected_direct_role (
    tenant_id        varchar(64)  not null,
    user_id          varchar(36)  not null,
    version          bigint       not null,
    role             varchar(64),
    role_precedence  int,
    primary key (tenant_id, user_id)
);

-- Written only by the role-mapping consumer: the tenant's directRolesAuthoritative setting as its
-- latest event told it (none yet: false).
create table projected_direct_roles_setting (
    tenant_id      varchar(64)  primary key,
    authoritative  boolean      not null,
    version        bigint       not null
);

-- Where each account's role comes from: 'group' (role_origin_group names it), 'direct' or 'default'.
alter table account_access add column role_origin varchar(16);
alter table account_access add column role_origin_group varchar(36);
