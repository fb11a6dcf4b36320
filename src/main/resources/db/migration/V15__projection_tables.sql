-- What the role-mapping consumer keeps of the events, so that each account's role is worked out from
-- the topic alone, never from the directory's tables: another service given only the topic rebuilds
-- the same. Written only by the role-mapping route. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- Each group the events named: the group version of its latest group event (a deleted group grants
-- nothing, whatever arrives late), and the role its latest mapping event gave it.
create table projected_group (
    tenant_id        varchar(64)  not null,
    group_id         varchar(36)  not null,
    version          bigint       not null,
    deleted          boolean      not null,
    role             varchar(64),
    role_precedence  int,
    mapping_version  bigint       not null,
    primary key (tenant_id, group_id)
);

-- Each (group, user) pair a membership event named: whether the user is a member, as of the group
-- version of the latest membership event for the pair, so an older event arriving late changes nothing.
create table projected_group_member (
    tenant_id  varchar(64)  not null,
    group_id   varchar(36)  not null,
    user_id    varchar(36)  not null,
    version    bigint       not null,
    member     boolean      not null,
    primary key (tenant_id, group_id, user_id)
);
create index projected_group_member_by_user on projected_group_member (tenant_id, user_id);

-- Each tenant's default role as its latest default-role event set it (none yet: Reftab's 'User').
create table projected_default_role (
    tenant_id  varchar(64)  primary key,
    role       varchar(64)  not null,
    version    bigint       not null
);

-- Mapping and default-role events carry a version, as resource events do, so a consumer can tell
-- an older one arriving late: counted here, one up per change.
alter table scim_group add column mapping_version bigint default 0 not null;
alter table tenant add column default_role_version bigint default 0 not null;
