--liquibase formatted sql

--changeset patchbay:connection-health-1
-- Each connection's health, stored when something happens to it (a run ends, a person changes, pauses or reconnects
-- it, quarantined records are dealt with, an exception runs out) instead of computed on every page load. The row
-- also carries what the lists show of the connection (name, connector, schedule, newest run), so that the hub and
-- the support console page through one table by keyset, worst first, with no query per row.
-- A change marks the row stale in its own transaction (stale_since); it is evaluated right after the commit, and a
-- sweep evaluates what a node died before evaluating, and rows whose recheck_at (an exception's expiry) has come.
create table connection_health (
    connection_id    uuid primary key references connection (id) on delete cascade,
    tenant_id        uuid        not null references tenant (id),
    name             text,
    connector        text,
    state            text,
    schedule_minutes int,
    pushed           boolean,
    status           text check (status in ('failing', 'degraded', 'not_yet_synced', 'paused', 'connected')),
    -- worst first: 0 failing .. 4 connected; lists sort on it
    severity         smallint,
    reason           text,
    fix              text,
    error_class      text,
    last_run_id      uuid,
    last_run_status  text,
    last_run_at      timestamptz,
    since            timestamptz,
    evaluated_at     timestamptz,
    recheck_at       timestamptz,
    stale_since      timestamptz,
    stale_cause      text,
    stale_correlation_id text
);
create index connection_health_tenant_list_idx on connection_health (tenant_id, severity, lower(name), connection_id)
    where status is not null;
create index connection_health_list_idx on connection_health (severity, lower(name), connection_id)
    where status is not null;
create index connection_health_stale_idx on connection_health (stale_since) where stale_since is not null;
create index connection_health_recheck_idx on connection_health (recheck_at) where recheck_at is not null;

-- Every change of a connection's health, with what caused it: a run (its correlation id) or a person's action.
create table health_transition (
    id             bigint generated always as identity primary key,
    tenant_id      uuid        not null references tenant (id),
    connection_id  uuid        not null references connection (id) on delete cascade,
    at             timestamptz not null default clock_timestamp(),
    from_status    text,
    to_status      text        not null,
    reason         text        not null,
    cause          text        not null,
    correlation_id text
);
create index health_transition_connection_idx on health_transition (tenant_id, connection_id, at desc, id desc);

-- the hub lists a tenant's setups in progress apart from its connections
create index connection_draft_idx on connection (tenant_id, created_at desc) where state = 'draft';

-- the connections there were before: evaluated by the first sweep after the upgrade
insert into connection_health (connection_id, tenant_id, stale_since, stale_cause)
select id, tenant_id, now(), 'health is now stored' from connection where state <> 'draft';

-- A retry of a failed run, and the sync that checks a reconnected connection at once
alter table sync_run drop constraint sync_run_trigger_check;
alter table sync_run add constraint sync_run_trigger_check
    check (trigger in ('schedule', 'manual', 'activation', 'push', 'reprocess', 'retry', 'reconnect'));

--changeset patchbay:connection-health-2 splitStatements:false
-- Pages showing a connection are told when its runs or health change, on whichever node the change happened: each
-- node listens on this channel and pushes to the browsers watching that tenant and connection.
create function patchbay_notify_activity() returns trigger language plpgsql as $$
begin
    perform pg_notify('patchbay_activity', new.tenant_id::text || ' ' || new.connection_id::text);
    return null;
end
$$;

--changeset patchbay:connection-health-3
create trigger sync_run_activity after insert or update on sync_run
    for each row execute function patchbay_notify_activity();
create trigger connection_health_activity after insert or update on connection_health
    for each row execute function patchbay_notify_activity();
