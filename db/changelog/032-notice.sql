--liquibase formatted sql

--changeset patchbay:notice-1
-- What a tenant's admins are told in the hub: a connection that turned Degraded or Failing (once, when it turns;
-- written in the transaction that records the health transition), its recovery, and the fix support sent them.
create table notice (
    id            bigint generated always as identity primary key,
    tenant_id     uuid        not null references tenant (id),
    connection_id uuid        references connection (id) on delete cascade,
    kind          text        not null check (kind in ('alert', 'recovery', 'fix')),
    title         text        not null,
    body          text        not null,
    created_by    text        not null,
    created_at    timestamptz not null default clock_timestamp(),
    read_at       timestamptz
);
create index notice_tenant_idx on notice (tenant_id, created_at desc, id desc);
create index notice_unread_idx on notice (tenant_id) where read_at is null;
