--liquibase formatted sql

--changeset patchbay:sandbox-calendar-1
-- The bundled sandbox calendar's own store: its events, the consents people gave it for a client (grants), and the
-- authorization codes and refresh tokens it issued for them, kept as SHA-256 digests only. Like the other sandbox
-- systems it plays a third party: no tenant.
create table sandbox_calendar_event (
    id         bigserial primary key,
    title      text        not null,
    location   text,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    updated_at timestamptz not null default clock_timestamp()
);
create index sandbox_calendar_event_updated_idx on sandbox_calendar_event (updated_at, id);

create table sandbox_calendar_grant (
    id                     bigserial primary key,
    client_id              text        not null,
    user_email             text        not null,
    scope                  text        not null,
    created_at             timestamptz not null default clock_timestamp(),
    -- access tokens issued before this are refused (the sandbox's "expire access tokens now")
    tokens_expired_before  timestamptz,
    revoked_at             timestamptz
);

create table sandbox_calendar_code (
    digest         text primary key,
    grant_id       bigint      not null references sandbox_calendar_grant (id),
    redirect_uri   text        not null,
    code_challenge text        not null,
    expires_at     timestamptz not null,
    used_at        timestamptz
);

create table sandbox_calendar_refresh_token (
    digest     text primary key,
    grant_id   bigint      not null references sandbox_calendar_grant (id),
    created_at timestamptz not null default clock_timestamp(),
    -- set when the token was exchanged for a new one: each refresh token is honoured once
    rotated_at timestamptz
);
create index sandbox_calendar_refresh_token_grant_idx on sandbox_calendar_refresh_token (grant_id);
