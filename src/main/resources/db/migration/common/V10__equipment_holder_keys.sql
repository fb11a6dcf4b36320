-- A loan that names its person by userName or e-mail (made before provisioning) is matched to the
-- account of that userName or primary e-mail in any letter case. Matching on lower(user_name) read
-- every account of the tenant for each loan; these keys, lower-cased by the account projection
-- (Locale.ROOT, as the loans' holder_user_name and holder_email are at write time), are indexed.
alter table account add column user_name_key varchar(512);
alter table account add column email_key varchar(512);
-- Accounts written before: lower() gives the same keys for what identity providers send.
update account set user_name_key = lower(user_name), email_key = lower(email);
create index account_user_name_key on account (tenant_id, user_name_key);
create index account_email_key on account (tenant_id, email_key);
