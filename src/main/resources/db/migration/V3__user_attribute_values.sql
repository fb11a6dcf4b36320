-- Every simple value of a user, one row each, so a filter on any attribute is answered in SQL.
-- position tells the elements of a multi-valued attribute apart (emails[type eq "work" and ...]);
-- a complex attribute's element has a row of its own (attribute 'emails', no value).
create table scim_user_value (
    tenant_id      varchar(64)   not null,
    resource_id    varchar(36)   not null,
    attribute      varchar(200)  not null,
    position       int           not null,
    text_value     varchar(512),
    text_key       varchar(512),
    boolean_value  boolean,
    primary key (tenant_id, resource_id, attribute, position),
    foreign key (tenant_id, resource_id) references scim_user (tenant_id, id) on delete cascade
);
create index scim_user_value_key on scim_user_value (tenant_id, attribute, text_key);
create index scim_user_value_exact on scim_user_value (tenant_id, attribute, text_value);

drop table scim_user_email;
