--liquibase formatted sql

--changeset patchbay:inbound-1
-- Data pushed to a connection (webhook deliveries, uploaded files): one row per message, keyed by the id its sender
-- gives it, so that a retried or replayed message is recognised and applied once.
create table inbound_message (
    tenant_id     uuid        not null references tenant (id),
    connection_id uuid        not null references connection (id) on delete cascade,
    message_id    text        not null,
    kind          text        not null check (kind in ('webhook', 'upload')),
    summary       text        not null,
    problems      jsonb       not null default '[]',
    record_count  int         not null,
    received_by   text        not null,
    received_at   timestamptz not null default clock_timestamp(),
    primary key (connection_id, message_id)
);
create index inbound_message_recent_idx on inbound_message (tenant_id, connection_id, received_at desc);

-- The records those messages carried, staged in arrival order until a run reads them; the position is the run's
-- checkpoint.
create table inbound_record (
    position      bigserial primary key,
    tenant_id     uuid not null references tenant (id),
    connection_id uuid not null,
    message_id    text not null,
    external_id   text not null,
    data          jsonb not null,
    foreign key (connection_id, message_id) references inbound_message (connection_id, message_id) on delete cascade
);
create index inbound_record_read_idx on inbound_record (connection_id, position);

alter table sync_run drop constraint sync_run_trigger_check;
alter table sync_run add constraint sync_run_trigger_check check (trigger in ('schedule', 'manual', 'activation', 'push'));
