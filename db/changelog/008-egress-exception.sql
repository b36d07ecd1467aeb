--liquibase formatted sql

--changeset patchbay:egress-exception-1
-- Hosts a tenant may reach although the egress rules close them (a private address, plain http); each one audited.
create table egress_exception (
    id         uuid primary key,
    tenant_id  uuid        not null references tenant (id),
    host       text        not null,
    reason     text        not null,
    created_by text        not null,
    created_at timestamptz not null default now(),
    unique (tenant_id, host)
);
