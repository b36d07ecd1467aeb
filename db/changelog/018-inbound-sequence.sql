--liquibase formatted sql

--changeset patchbay:inbound-sequence-1
-- Staged records were read in the order of a bigserial taken at insert, and transactions commit out of that order: a
-- reader that had checkpointed past a number skipped a message that committed later with a lower one. Messages are
-- now given a sequence number per connection when a reader first sees them committed (readers of one connection take
-- turns), and records are read in (sequence, position) order. See docs/adr/0008.
alter table inbound_message add column sequence bigint;
create unique index inbound_message_sequence_idx on inbound_message (connection_id, sequence);
create index inbound_message_unsequenced_idx on inbound_message (connection_id) where sequence is null;
create index inbound_record_message_idx on inbound_record (connection_id, message_id, position);
drop index inbound_record_read_idx;

-- what was staged before: sequenced in the order its records were numbered
with ordered as (
    select m.connection_id, m.message_id,
           row_number() over (partition by m.connection_id
                              order by coalesce(min(r.position), 0), m.received_at, m.message_id) as sequence
    from inbound_message m
    left join inbound_record r on r.connection_id = m.connection_id and r.message_id = m.message_id
    group by m.connection_id, m.message_id, m.received_at)
update inbound_message m
set sequence = ordered.sequence
from ordered
where m.connection_id = ordered.connection_id and m.message_id = ordered.message_id;

-- an old checkpoint ({"position": n}) cannot say which records below n an old reader skipped: start again from the
-- first record. Upserts by external id make reading a record twice harmless, and reading in order leaves each record as
-- its newest message had it. A run is queued for every active connection this concerns, so what was lost is applied now.
update stream_checkpoint
set cursor = '{"sequence": 0, "position": 0}'
where cursor -> 'position' is not null and cursor -> 'sequence' is null;

insert into sync_run (id, tenant_id, connection_id, trigger, status, correlation_id)
select gen_random_uuid(), c.tenant_id, c.id, 'push', 'queued', 'run-' || substr(md5(random()::text), 1, 8)
from connection c
where c.state = 'active'
  and exists (select 1 from inbound_message m where m.connection_id = c.id)
  and not exists (select 1 from sync_run r where r.connection_id = c.id and r.status = 'queued');
