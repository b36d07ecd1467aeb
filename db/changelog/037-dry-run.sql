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

--changeset patchbay:dry-run-2
-- the daily roll-ups count syncs: the trigger that keeps them skips runs that validated everything
drop trigger sync_run_daily on sync_run;
create trigger sync_run_daily after insert or update of status on sync_run
    for each row when (new.trigger <> 'dry_run') execute function patchbay_count_finished_run();
