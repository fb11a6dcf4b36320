-- Which identity provider provisions the tenant: where Okta and Microsoft Entra ID mean different
-- things by the same request, this decides (README, "Okta and Entra ID"). Okta's reading is the default.
alter table tenant add column identity_provider varchar(16) default 'okta' not null;
