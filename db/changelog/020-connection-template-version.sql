--liquibase formatted sql

--changeset patchbay:connection-template-version-1
-- Templates are versioned: a connection remembers the version it was made from (and later upgraded to), so its
-- mapping is the one that version has and a newer version can be offered with a diff. Connections made before
-- templates had versions were made from version 1.
alter table connection add column template_version int not null default 1;
alter table connection alter column template_version drop default;
