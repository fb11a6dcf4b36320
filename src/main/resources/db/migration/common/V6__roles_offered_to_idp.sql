-- Which of a tenant's access roles are offered to its identity provider: listed at /scim/v2/Roles,
-- where Okta's Governance tab and Entra's app roles find them, and accepted when assigned to a user.
-- Every role is offered until an admin withdraws it, so an identity provider that connects sees the
-- tenant's roles at once; a role created later is offered too unless it is created withdrawn.
alter table access_role add column offered_to_idp boolean default true not null;

-- What the identity provider shows of a role beside its name, and the version /Roles tags it with
-- (moved by every change an admin makes to the role).
alter table access_role add column description varchar(512);
alter table access_role add column version bigint default 1 not null;
