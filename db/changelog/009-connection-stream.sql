--liquibase formatted sql

--changeset patchbay:connection-stream-1
-- the stream (e.g. a database table) chosen during setup, for templates that leave the choice to the admin
alter table connection add column stream text;
