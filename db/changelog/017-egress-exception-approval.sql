--liquibase formatted sql

--changeset patchbay:egress-exception-approval-1
-- A network exception is requested by a tenant's admin with a reason and opens nothing until a solutions engineer
-- approves it, with an expiry; denied, revoked and expired ones open nothing. Exceptions granted before this change
-- were never reviewed: they wait for approval like a new request.
alter table egress_exception rename column created_by to requested_by;
alter table egress_exception rename column created_at to requested_at;
alter table egress_exception
    add column status        text not null default 'pending'
        check (status in ('pending', 'approved', 'denied', 'revoked')),
    add column decided_by    text,
    add column decided_at    timestamptz,
    add column decision_note text,
    add column expires_at    timestamptz,
    add constraint egress_exception_approved_expires check (status <> 'approved' or expires_at is not null);
