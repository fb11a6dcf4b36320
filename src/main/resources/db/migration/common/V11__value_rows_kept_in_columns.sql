-- Filters and sorts read userName, externalId and active from scim_user's columns, never from
-- value rows; the rows stopped being written, and those already written are dropped here.
delete from scim_user_value where attribute in ('username', 'externalid', 'active');
