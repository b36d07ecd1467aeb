--liquibase formatted sql

--changeset patchbay:connection-1
create table connection (
    id               uuid primary key,
    tenant_id        uuid        not null references tenant (id),
    name             text        not null,
    template_id      text        not null,
    connector        text        not null,
    state            text        not null check (state in ('draft', 'active', 'paused')),
    setup_step       text        not null default 'details' check (setup_step in ('details', 'mapping', 'schedule')),
    config           jsonb       not null default '{}',
    -- the secret settings as one JSON object, Tink AEAD-encrypted with tenant and connection bound as associated
    -- data; only their hints (last four characters) are kept in clear
    secret_cipher    bytea,
    secret_hints     jsonb       not null default '{}',
    schedule_minutes int         not null default 15 check (schedule_minutes between 5 and 1440),
    created_by       text        not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    activated_at     timestamptz,
    paused_at        timestamptz,
    version          int         not null default 0
);
create index connection_tenant_idx on connection (tenant_id, created_at desc, id);
