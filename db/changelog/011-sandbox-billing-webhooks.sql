--liquibase formatted sql

--changeset patchbay:sandbox-billing-webhooks-1
-- Where the sandbox billing system pushes its invoice webhooks, and with which secret it signs them (Standard
-- Webhooks). It plays a third party, so like its other tables this one has no tenant, and the secret is its own.
create table sandbox_billing_webhook_endpoint (
    id              bigserial primary key,
    url             text        not null unique,
    secret          text        not null,
    created_at      timestamptz not null default clock_timestamp(),
    delivered       int         not null default 0,
    failed          int         not null default 0,
    last_attempt_at timestamptz,
    last_outcome    text
);
