--liquibase formatted sql

--changeset patchbay:correlation-1
-- Every row a piece of work produces carries its correlation id (a run's, or the request's a person made), so
-- searching one finds everything it touched: these rows did not have it yet.
alter table audit_entry add column correlation_id text;
alter table inbound_message add column correlation_id text;
alter table notice add column correlation_id text;

-- found by correlation id, within a tenant
create index sync_run_correlation_idx on sync_run (tenant_id, correlation_id);
create index audit_entry_correlation_idx on audit_entry (tenant_id, correlation_id) where correlation_id is not null;
create index inbound_message_correlation_idx on inbound_message (tenant_id, correlation_id)
    where correlation_id is not null;
create index notice_correlation_idx on notice (tenant_id, correlation_id) where correlation_id is not null;
create index health_transition_correlation_idx on health_transition (tenant_id, correlation_id)
    where correlation_id is not null;
create index quarantined_record_correlation_idx on quarantined_record (tenant_id, correlation_id);
