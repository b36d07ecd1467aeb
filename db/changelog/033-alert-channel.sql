--liquibase formatted sql

--changeset patchbay:alert-channel-1
-- Where a tenant's notices go beyond the hub: an email address, or a webhook URL (signed with Standard Webhooks; its
-- secret is sealed by the vault and shown once, when the channel is added).
create table alert_channel (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenant (id),
    kind          text        not null check (kind in ('email', 'webhook')),
    target        text        not null,
    secret_cipher bytea,
    enabled       boolean     not null default true,
    created_by    text        not null,
    created_at    timestamptz not null default clock_timestamp(),
    unique (tenant_id, kind, target)
);
create index alert_channel_tenant_idx on alert_channel (tenant_id, created_at);

-- The outbox: one row per notice and channel, written in the notice's own transaction, so a notice is never told to
-- no one and never told twice to the same channel. Senders claim due rows with a lease; a sender that dies mid-send
-- leaves its row to be claimed again once the lease runs out (the same message id, so receivers can tell).
create table alert_delivery (
    id              bigint      generated always as identity primary key,
    tenant_id       uuid        not null references tenant (id),
    notice_id       bigint      not null references notice (id) on delete cascade,
    channel_id      uuid        not null references alert_channel (id) on delete cascade,
    state           text        not null default 'pending' check (state in ('pending', 'sent', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default clock_timestamp(),
    last_outcome    text,
    sent_at         timestamptz,
    created_at      timestamptz not null default clock_timestamp(),
    unique (notice_id, channel_id)
);
create index alert_delivery_due_idx on alert_delivery (next_attempt_at) where state = 'pending';
create index alert_delivery_channel_idx on alert_delivery (channel_id, created_at desc);
