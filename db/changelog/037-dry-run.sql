--liquibase formatted sql

--changeset patchbay:dry-run-1
-- Validate everything: a run that reads the whole source through the mapping and the checks and writes nothing. It
-- queues apart from syncs and reprocessing (asking for it never joins a waiting sync), and counts in no chart.
alter table sync_run drop constraint sync_run_trigger_check;
alter table sync_run add constraint sync_run_trigger_check
    check (trigger in ('schedule', 'manual', 'activation', 'push', 'reprocess', 'retry', 'reconnect', 'dry_run'));

drop index sync_run_one_queued_idx;
create unique index sync_run_one_queued_idx on sync_run (connection_id)
    where status = 'queued' and trigger <> 'reprocess' and trigger <> 'dry_run';
create unique index sync_run_one_queued_dry_run_idx on sync_run (connection_id)
    where status = 'queued' and trigger = 'dry_run';

--changeset patchbay:dry-run-2 splitStatements:false
create or replace function patchbay_count_finished_run() returns trigger language plpgsql as $$
declare
    finished_on date;
begin
    if new.status not in ('succeeded', 'succeeded_with_quarantine', 'failed') or new.trigger = 'dry_run' then
        return null;
    end if;
    if tg_op = 'UPDATE' and old.status not in ('queued', 'running') then
        return null; -- counted when it finished
    end if;
    finished_on := (coalesce(new.finished_at, clock_timestamp()) at time zone 'UTC')::date;
    insert into run_daily as d (tenant_id, connection_id, day, succeeded, failed, records_read, records_written,
                                records_quarantined)
    values (new.tenant_id, new.connection_id, finished_on,
            case when new.status = 'failed' then 0 else 1 end,
            case when new.status = 'failed' then 1 else 0 end,
            new.records_read, new.records_written, new.records_quarantined)
    on conflict (connection_id, day) do update
        set succeeded = d.succeeded + excluded.succeeded,
            failed = d.failed + excluded.failed,
            records_read = d.records_read + excluded.records_read,
            records_written = d.records_written + excluded.records_written,
            records_quarantined = d.records_quarantined + excluded.records_quarantined;
    if new.status = 'failed' then
        insert into failure_daily as f (tenant_id, day, error_class, failures)
        values (new.tenant_id, finished_on, coalesce(new.error_class, 'TRANSIENT'), 1)
        on conflict (tenant_id, day, error_class) do update set failures = f.failures + 1;
    end if;
    return null;
end
$$;
