--liquibase formatted sql

--changeset patchbay:sync-1
create table sync_run (
    id                uuid primary key,
    tenant_id         uuid        not null references tenant (id),
    connection_id     uuid        not null references connection (id) on delete cascade,
    trigger           text        not null check (trigger in ('schedule', 'manual', 'activation')),
    status            text        not null check (status in ('queued', 'running', 'succeeded', 'succeeded_with_quarantine', 'failed', 'cancelled')),
    correlation_id    text        not null,
    queued_at         timestamptz not null default clock_timestamp(),
    started_at        timestamptz,
    finished_at       timestamptz,
    records_read      int         not null default 0,
    records_written   int         not null default 0,
    records_failed    int         not null default 0,
    throttled_count   int         not null default 0,
    throttled_millis  bigint      not null default 0,
    error_class       text,
    error_message     text,
    error_fix         text,
    checkpoint_before jsonb,
    checkpoint_after  jsonb,
    -- a worker owns a running run only while its lease is fresh; an expired lease is reclaimed
    lease_owner       text,
    lease_expires_at  timestamptz,
    attempts          int         not null default 0
);
create index sync_run_timeline_idx on sync_run (tenant_id, connection_id, queued_at desc, id desc);
create index sync_run_pending_idx on sync_run (status, queued_at) where status in ('queued', 'running');
-- at most one waiting run per connection: a schedule firing while one waits adds nothing
create unique index sync_run_one_queued_idx on sync_run (connection_id) where status = 'queued';
-- at most one run per connection executes at a time
create unique index sync_run_one_running_idx on sync_run (connection_id) where status = 'running';

create table stream_checkpoint (
    tenant_id     uuid        not null references tenant (id),
    connection_id uuid        not null references connection (id) on delete cascade,
    stream        text        not null,
    cursor        jsonb       not null,
    run_id        uuid,
    updated_at    timestamptz not null default now(),
    primary key (connection_id, stream)
);

create table core_record (
    core_id    uuid primary key,
    tenant_id  uuid        not null references tenant (id),
    entity     text        not null,
    data       jsonb       not null,
    version    int         not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index core_record_tenant_idx on core_record (tenant_id, entity, updated_at desc);

create table identity_link (
    tenant_id     uuid        not null references tenant (id),
    connection_id uuid        not null references connection (id) on delete cascade,
    entity        text        not null,
    external_id   text        not null,
    core_id       uuid        not null references core_record (core_id),
    created_at    timestamptz not null default now(),
    primary key (connection_id, entity, external_id)
);
create index identity_link_core_idx on identity_link (core_id);
