--liquibase formatted sql

--changeset patchbay:template-library-1
-- Templates solutions engineers build: the operator's, offered to every customer, so not a tenant's rows (ADR 12).
-- A template has one draft, which engineers edit, and published versions, which never change once published.
create table template (
    id              text primary key,
    name            text        not null,
    draft_yaml      text        not null,
    -- optimistic lock on the draft: two engineers editing it take turns
    draft_revision  int         not null default 1,
    created_by      text        not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create table template_version (
    template_id   text        not null references template (id),
    version       int         not null,
    yaml          text        not null,
    release_notes text        not null,
    published_by  text        not null,
    published_at  timestamptz not null default now(),
    primary key (template_id, version)
);
