--liquibase formatted sql

--changeset patchbay:connection-mapping-1
-- A connection's own mapping, edited in the mapping editor; null keeps its template's.
alter table connection add column mapping text;
