--liquibase formatted sql

--changeset patchbay:inbound-sequence-index-1
-- The reader's queries name the tenant, the connection and a sequence range. With (connection_id, sequence) PostgreSQL
-- could not tell that index from (tenant_id, connection_id, received_at) without statistics, and with a table last
-- analysed empty it chose the latter: every page filtered every message of the connection (25 ms a page at 19,000
-- messages), and numbering 573 new messages took 5 s. With the tenant in front, this index matches every query at
-- least as well as any other, whatever the statistics say.
create unique index inbound_message_sequence_tenant_idx on inbound_message (tenant_id, connection_id, sequence);
drop index inbound_message_sequence_idx;
