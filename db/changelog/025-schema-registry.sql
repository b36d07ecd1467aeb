--liquibase formatted sql

--changeset patchbay:schema-registry-1
-- The schema registry's run-time part: versions solutions engineers register after the shipped ones, and where each
-- version (shipped or registered) is in its life. The operator's, like templates, so not a tenant's rows (ADR 13).
create table schema_version (
    subject        text        not null,
    version        int         not null,
    schema_json    text        not null,
    notes          text        not null,
    registered_by  text        not null,
    registered_at  timestamptz not null default now(),
    primary key (subject, version)
);

-- Only moves forward: deprecated (announced), dual-published (its successor published beside it), removed.
create table schema_version_status (
    subject     text        not null,
    version     int         not null,
    status      text        not null check (status in ('DEPRECATED', 'DUAL_PUBLISHED', 'REMOVED')),
    changed_by  text        not null,
    changed_at  timestamptz not null default now(),
    primary key (subject, version)
);
