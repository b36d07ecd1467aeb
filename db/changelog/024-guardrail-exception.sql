--liquibase formatted sql

--changeset patchbay:guardrail-exception-1
-- Exceptions to a template's guardrails: a customer asks with a justification, a solutions engineer approves one
-- until a date (or denies it). An approved, unexpired exception waives that rule for that connection.
create table guardrail_exception (
    id              uuid primary key,
    tenant_id       uuid        not null references tenant (id),
    connection_id   uuid        not null references connection (id) on delete cascade,
    rule            text        not null,
    rule_text       text        not null,
    justification   text        not null,
    status          text        not null check (status in ('requested', 'approved', 'denied')),
    requested_by    text        not null,
    requested_at    timestamptz not null default now(),
    decided_by      text,
    decided_at      timestamptz,
    decision_note   text,
    expires_at      timestamptz
);
-- one open request or approval per connection and rule
create unique index guardrail_exception_open_idx on guardrail_exception (tenant_id, connection_id, rule)
    where status in ('requested', 'approved');
create index guardrail_exception_tenant_idx on guardrail_exception (tenant_id, requested_at desc);
