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

-- old checkpoints ({"position": n}) resume at the first record numbered after n, so records that an old reader
-- skipped are read now; records read before are read again, which the upsert makes harmless
with legacy as (
    select c.connection_id, c.stream, (c.cursor ->> 'position')::bigint as n
    from stream_checkpoint c
    where c.cursor -> 'position' is not null and c.cursor -> 'sequence' is null)
update stream_checkpoint c
set cursor = jsonb_build_object(
        'sequence', coalesce(unread.sequence, newest.sequence, 0),
        'position', coalesce(unread.position - 1, newest.position, 0))
from legacy
left join lateral (
    select m.sequence, r.position
    from inbound_record r
    join inbound_message m on m.connection_id = r.connection_id and m.message_id = r.message_id
    where r.connection_id = legacy.connection_id and r.position > legacy.n
    order by m.sequence, r.position
    limit 1) unread on true
left join lateral (
    select m.sequence, r.position
    from inbound_record r
    join inbound_message m on m.connection_id = r.connection_id and m.message_id = r.message_id
    where r.connection_id = legacy.connection_id
    order by m.sequence desc, r.position desc
    limit 1) newest on true
where c.connection_id = legacy.connection_id and c.stream = legacy.stream;
