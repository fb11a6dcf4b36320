-- OAuth 2.0 clients of a tenant (Microsoft Entra ID's client credentials and workload identity
-- federation), their secrets, and the installation's keys that sign access tokens.

create table oauth_client (
    id            varchar(64)  primary key,
    tenant_id     varchar(64)  not null references tenant (id),
    name          varchar(200) not null,
    created_at    timestamp with time zone not null,
    -- The federated credential (RFC 7523 assertions): all four set, or none.
    fed_issuer    varchar(512),
    fed_subject   varchar(512),
    fed_audience  varchar(512),
    fed_jwks_uri  varchar(1024)
);
create index oauth_client_tenant on oauth_client (tenant_id);

-- Only a SHA-256 hash of a secret is kept (256 random bits: a slow hash would add nothing).
create table oauth_client_secret (
    id            varchar(36)  primary key,
    client_id     varchar(64)  not null references oauth_client (id) on delete cascade,
    secret_hash   varchar(64)  not null,
    hint          varchar(16)  not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone
);
create index oauth_client_secret_client on oauth_client_secret (client_id);

-- Keys that sign access tokens: the newest signs, older ones stay published until the tokens
-- they signed have expired. The private key never leaves the service (no API returns it).
create table oauth_signing_key (
    id            varchar(64)  primary key,
    private_key   varchar(8192) not null,
    public_key    varchar(2048) not null,
    created_at    timestamp with time zone not null
);
