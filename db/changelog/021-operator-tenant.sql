--liquibase formatted sql

--changeset patchbay:operator-tenant-1
-- The company running Patchbay keeps its staff (support agents, solutions engineers) in a tenant of its own, flagged
-- here: it has no integrations, and staff choose the customer tenant they work in from there.
alter table tenant add column operator boolean not null default false;
