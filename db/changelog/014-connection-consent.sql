--liquibase formatted sql

--changeset patchbay:connection-consent-1
-- Who connected a connection to its system by consenting there (OAuth2 authorization code), and when: what the setup
-- and the connection's page show as "Connected as … · since …". The tokens themselves are sealed with the
-- connection's other secrets (connection.secret_cipher), never here.
create table connection_consent (
    connection_id uuid primary key references connection (id) on delete cascade,
    tenant_id     uuid        not null references tenant (id),
    -- who consented as the provider names them; null when it does not say
    account       text,
    consented_by  text        not null,
    consented_at  timestamptz not null default clock_timestamp()
);
