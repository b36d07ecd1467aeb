--liquibase formatted sql

--changeset patchbay:identity-resolution-1
-- Identity resolution (ADR 15): each core record's keys on the match rules of the templates that wrote it, so a
-- record from another connection finds it by normalised email, domain or a shared key; and the conflicts a rule could
-- not decide alone, for a person to link, merge or keep apart.
create table core_record_key (
    tenant_id uuid not null references tenant (id),
    entity    text not null,
    rule      text not null,
    value     text not null,
    core_id   uuid not null references core_record (core_id) on delete cascade,
    primary key (tenant_id, entity, rule, value, core_id)
);
create index core_record_key_core_idx on core_record_key (core_id);

create table identity_conflict (
    id             uuid primary key,
    tenant_id      uuid        not null references tenant (id),
    entity         text        not null,
    connection_id  uuid        not null references connection (id) on delete cascade,
    external_id    text        not null,
    core_id        uuid        not null,
    candidates     uuid[]      not null,
    rule           text        not null,
    value          text        not null,
    kind           text        not null check (kind in ('ambiguous', 'claimed')),
    status         text        not null default 'open' check (status in ('open', 'linked', 'merged', 'kept_apart')),
    correlation_id text,
    created_at     timestamptz not null default now(),
    resolved_at    timestamptz,
    resolved_by    text,
    resolution     text
);
create unique index identity_conflict_open_idx on identity_conflict (connection_id, entity, external_id)
    where status = 'open';
create index identity_conflict_tenant_idx on identity_conflict (tenant_id, status, created_at desc);
