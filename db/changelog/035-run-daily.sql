--liquibase formatted sql

--changeset patchbay:run-daily-1
-- What the charts read: each connection's finished runs and records per day (UTC), and each tenant's failures per
-- day by error class. Kept by a trigger in the transaction that finishes a run, so a chart costs a few dozen rows
-- however many runs there are, and never disagrees with the runs.
create table run_daily (
    tenant_id           uuid   not null references tenant (id),
    connection_id       uuid   not null references connection (id) on delete cascade,
    day                 date   not null,
    succeeded           int    not null default 0,
    failed              int    not null default 0,
    records_read        bigint not null default 0,
    records_written     bigint not null default 0,
    records_quarantined bigint not null default 0,
    primary key (connection_id, day)
);
create index run_daily_tenant_idx on run_daily (tenant_id, day);

create table failure_daily (
    tenant_id   uuid not null references tenant (id),
    day         date not null,
    error_class text not null,
    failures    int  not null default 0,
    primary key (tenant_id, day, error_class)
);
create index failure_daily_day_idx on failure_daily (day);

--changeset patchbay:run-daily-2 splitStatements:false
create function patchbay_count_finished_run() returns trigger language plpgsql as $$
declare
    finished_on date;
begin
    if new.status not in ('succeeded', 'succeeded_with_quarantine', 'failed') then
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

--changeset patchbay:run-daily-3
create trigger sync_run_daily after insert or update of status on sync_run
    for each row execute function patchbay_count_finished_run();

-- the runs already finished
insert into run_daily (tenant_id, connection_id, day, succeeded, failed, records_read, records_written,
                       records_quarantined)
select tenant_id, connection_id, (finished_at at time zone 'UTC')::date,
       count(*) filter (where status <> 'failed'), count(*) filter (where status = 'failed'),
       sum(records_read), sum(records_written), sum(records_quarantined)
from sync_run
where status in ('succeeded', 'succeeded_with_quarantine', 'failed') and finished_at is not null
group by 1, 2, 3;
insert into failure_daily (tenant_id, day, error_class, failures)
select tenant_id, (finished_at at time zone 'UTC')::date, coalesce(error_class, 'TRANSIENT'), count(*)
from sync_run
where status = 'failed' and finished_at is not null
group by 1, 2, 3;
