-- Written only by the role-mapping consumer: whether each role is offered to the identity provider,
-- as its latest role-offer event told it (no row: offered). A direct assignment of a withdrawn
-- role grants nothing.
create table projected_role_offer (
    tenant_id  varchar(64)  not null,
    role       varchar(64)  not null,
    offered    boolean      not null,
    version    bigint       not null,
    primary key (tenant_id, role)
);

-- Every direct role the user's latest event carried (a JSON array of {"role","precedence"}), so
-- that when the highest is withdrawn the next one decides. Null for rows written before: their
-- highest role (role, role_precedence) stands alone until the user's next event.
alter table projected_direct_role add column roles varchar(4000);
