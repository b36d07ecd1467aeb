--liquibase formatted sql

--changeset patchbay:run-log-1
-- A run's structured log: each request its connector made (the address without secrets, status, time, size) and
-- each page it committed, written in the page's own transaction, for the run's page. Kept for a retention period.
create table run_event (
    id              bigint generated always as identity primary key,
    tenant_id       uuid        not null references tenant (id),
    run_id          uuid        not null references sync_run (id) on delete cascade,
    at              timestamptz not null,
    kind            text        not null check (kind in ('request', 'page')),
    summary         text        not null,
    method          text,
    url             text,
    status          int,
    duration_millis bigint,
    bytes           bigint,
    failure         text,
    records_read    int,
    records_written int,
    records_quarantined int,
    checkpoint      jsonb
);
create index run_event_run_idx on run_event (run_id, id);
create index run_event_at_idx on run_event (at);
