--liquibase formatted sql

--changeset patchbay:sandbox-1
-- The bundled sandbox CRM's own store. It plays a third-party system, so its rows belong to no tenant.
create table sandbox_crm_contact (
    id         bigserial primary key,
    first_name text        not null,
    last_name  text        not null,
    email      text        not null,
    company    text,
    phone      text,
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp()
);
create index sandbox_crm_contact_updated_idx on sandbox_crm_contact (updated_at, id);
