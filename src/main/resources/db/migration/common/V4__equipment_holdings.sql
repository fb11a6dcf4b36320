-- Equipment on loan, from the asset service's loan events (the loans topic, docs/events.md): one
-- row per item with its last applied loan event. An event older than the row's (version) changes
-- nothing, so a return seen before its checkout leaves the item returned, not held.
-- The holder is the SCIM user id when the asset service knew it; otherwise its userName and/or
-- e-mail (lower case), matched to an account when read, so a loan made before the person was
-- provisioned is theirs as soon as their account exists.
create table equipment_loan (
    tenant_id         varchar(64)    not null,
    item_id           varchar(128)   not null,
    status            varchar(16)    not null,
    version           bigint         not null,
    holder_user_id    varchar(36),
    holder_user_name  varchar(512),
    holder_email      varchar(512),
    name              varchar(256),
    category          varchar(128),
    asset_tag         varchar(64),
    item_value        numeric(15, 2),
    currency          varchar(3),
    since             timestamp with time zone,
    updated_at        timestamp with time zone not null,
    primary key (tenant_id, item_id)
);
-- What a person holds: by user id, and for loans made before provisioning by userName or e-mail.
create index equipment_loan_holder on equipment_loan (tenant_id, status, holder_user_id);
create index equipment_loan_holder_name on equipment_loan (tenant_id, status, holder_user_name);
create index equipment_loan_holder_email on equipment_loan (tenant_id, status, holder_email);
