--liquibase formatted sql

--changeset patchbay:sign-in-throttle-1
-- Failed sign-ins counted per account (the user name as typed, whether or not such a user exists) and per client (its
-- address; an IPv6 client by its /64 network), kept here so that every node of the hub pauses the same attempts.
create table sign_in_throttle (
    scope        text        not null check (scope in ('ACCOUNT', 'CLIENT')),
    subject      text        not null,
    -- failures in a row, counting the attempts whose password is still being checked
    failures     integer     not null default 0 check (failures >= 0),
    -- until then every attempt is refused without looking at the password
    paused_until timestamptz,
    -- when the failures are forgotten: a window after the last failure, or after the pause it started
    reset_at     timestamptz not null,
    primary key (scope, subject)
);
create index sign_in_throttle_reset_at_idx on sign_in_throttle (reset_at);
