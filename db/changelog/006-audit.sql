--liquibase formatted sql

--changeset patchbay:audit-1
create table audit_entry (
    id          bigserial primary key,
    tenant_id   uuid        not null references tenant (id),
    occurred_at timestamptz not null default now(),
    actor       text        not null,
    action      text        not null,
    object_type text        not null,
    object_id   text        not null,
    details     jsonb       not null default '{}'
);
create index audit_entry_tenant_idx on audit_entry (tenant_id, occurred_at desc, id desc);
