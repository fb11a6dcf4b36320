-- A user's list of direct roles ({"role","precedence"} per role, JSON) must fit whole: cut short it is
-- no longer JSON, and every later event of the user would fail on it. Its bound is
-- REFTAB_SCIM_ROLES_MAX_PER_USER (at most 1,000) roles of at most 64 characters, each at most 421
-- characters once encoded (a name of control characters is escaped six to one): 421,000 in all.
alter table projected_direct_role alter column roles set data type varchar(1000000);
