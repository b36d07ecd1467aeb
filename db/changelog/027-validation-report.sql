--liquibase formatted sql

--changeset patchbay:validation-report-1
-- The setup's Validate step: a dry run of the mapping, the entity's schema and the template's rules on the first
-- records the source gives, nothing written. Each run is kept; a connection's page reopens the newest.
alter table connection drop constraint connection_setup_step_check;
alter table connection add constraint connection_setup_step_check
    check (setup_step in ('details', 'mapping', 'validate', 'schedule'));

create table validation_report (
    id                 uuid primary key,
    tenant_id          uuid        not null references tenant (id),
    connection_id      uuid        not null references connection (id) on delete cascade,
    connection_version int         not null,
    passed             boolean     not null,
    verdict            text        not null,
    report             jsonb       not null,
    created_by         text        not null,
    created_at         timestamptz not null default now()
);
create index validation_report_connection_idx on validation_report (tenant_id, connection_id, created_at desc);
