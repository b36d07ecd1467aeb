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

-- hosts that no exception may open any more (loopback, link-local, metadata) are denied rather than left waiting
update egress_exception
set status = 'denied',
    decided_by = 'patchbay',
    decided_at = now(),
    decision_note = 'Never reachable: loopback, link-local and cloud metadata hosts cannot be opened by any exception.'
where host ~ '^(127\.|169\.254\.|0\.|0$|::1?$|::ffff:127\.|fe80:|localhost$|metadata)'
   or host like '%.localhost';
