--liquibase formatted sql

--changeset patchbay:sandbox-billing-1
-- The bundled sandbox billing system's own store. Like the sandbox CRM it plays a third party: no tenant.
create table sandbox_billing_customer (
    id         bigserial primary key,
    name       text        not null,
    email      text        not null,
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp()
);
create index sandbox_billing_customer_updated_idx on sandbox_billing_customer (updated_at, id);

create table sandbox_billing_invoice (
    id           bigserial primary key,
    customer_id  bigint      not null references sandbox_billing_customer (id),
    number       text        not null unique,
    amount_cents bigint      not null check (amount_cents >= 0),
    currency     text        not null,
    status       text        not null check (status in ('open', 'paid', 'void')),
    issued_at    timestamptz not null default clock_timestamp(),
    updated_at   timestamptz not null default clock_timestamp()
);
create index sandbox_billing_invoice_updated_idx on sandbox_billing_invoice (updated_at, id);
