--liquibase formatted sql

--changeset patchbay:tenancy-1
create table tenant (
    id         uuid primary key,
    slug       text        not null unique,
    name       text        not null,
    sandbox    boolean     not null default false,
    created_at timestamptz not null default now()
);

create table app_user (
    id            uuid primary key,
    tenant_id     uuid        not null references tenant (id),
    username      text        not null unique,
    display_name  text        not null,
    -- null for users who only sign in through SSO
    password_hash text,
    roles         text[]      not null,
    created_at    timestamptz not null default now()
);
create index app_user_tenant_idx on app_user (tenant_id);
