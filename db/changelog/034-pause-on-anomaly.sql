--liquibase formatted sql

--changeset patchbay:pause-on-anomaly-1
-- Whether the connection is paused automatically when its record volume or failure rate leaves its own baseline
-- (it is always reported); off unless the admin turns it on.
alter table connection add column pause_on_anomaly boolean not null default false;
