--liquibase formatted sql

--changeset patchbay:quarantine-1
-- A record a sync could not apply (its mapping failed, it broke its entity's schema or a template rule) is kept in
-- quarantine with the reason, as it came and as it was mapped, instead of being dropped; a person fixes it and
-- reprocesses it, or discards it. A run counts the records it quarantined.
alter table sync_run rename column records_failed to records_quarantined;

-- a reprocess run takes up the quarantined records asked to be reprocessed, instead of reading the source; one may
-- wait beside a queued sync, and it runs when no other run of the connection does
alter table sync_run drop constraint sync_run_trigger_check;
alter table sync_run add constraint sync_run_trigger_check
    check (trigger in ('schedule', 'manual', 'activation', 'push', 'reprocess'));
drop index sync_run_one_queued_idx;
create unique index sync_run_one_queued_idx on sync_run (connection_id) where status = 'queued' and trigger <> 'reprocess';
create unique index sync_run_one_queued_reprocess_idx on sync_run (connection_id)
    where status = 'queued' and trigger = 'reprocess';

create table quarantined_record (
    id             uuid primary key,
    tenant_id      uuid        not null references tenant (id),
    connection_id  uuid        not null references connection (id) on delete cascade,
    stream         text        not null,
    entity         text        not null,
    external_id    text        not null,
    -- the record as the source gave it (or as a person edited it), and as the mapping made it
    raw            jsonb       not null,
    mapped         jsonb       not null,
    -- every problem: [{pointer, kind, message}]; the first one's reason and pointer are what records group by
    problems       jsonb       not null,
    reason         text        not null,
    field          text        not null,
    kind           text        not null,
    edited_by      text,
    -- asked to be reprocessed and not yet taken up by a reprocess run
    reprocess_requested_at timestamptz,
    run_id         uuid        not null,
    correlation_id text        not null,
    status         text        not null check (status in ('quarantined', 'reprocessed', 'discarded', 'resolved')),
    first_seen_at  timestamptz not null default now(),
    last_seen_at   timestamptz not null default now(),
    resolved_at    timestamptz,
    resolved_by    text,
    resolution     text
);
-- one open entry per record: a later sync that reads it again updates it
create unique index quarantined_record_open_idx on quarantined_record (connection_id, stream, external_id)
    where status = 'quarantined';
create index quarantined_record_reason_idx on quarantined_record (tenant_id, connection_id, status, reason);
create index quarantined_record_tenant_idx on quarantined_record (tenant_id, status, last_seen_at desc);
create index quarantined_record_reprocess_idx on quarantined_record (connection_id, id)
    where status = 'quarantined' and reprocess_requested_at is not null;
