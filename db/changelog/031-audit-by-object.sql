--liquibase formatted sql

--changeset patchbay:audit-by-object-1
-- A connection's page interleaves its audit entries with its runs and health changes, newest first: found by object,
-- not by scanning the tenant's whole trail.
create index audit_entry_object_idx on audit_entry (tenant_id, object_type, object_id, occurred_at desc, id desc);
