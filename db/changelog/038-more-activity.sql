--liquibase formatted sql

--changeset patchbay:more-activity-1 splitStatements:false
-- Pages are told when what others change reaches them, on whichever node, as pages showing runs and health are:
-- a quarantine's records (a sync quarantined some, someone fixed, reprocessed or discarded them), exceptions asked
-- for and decided, notices, and a template's new version (offered to the connections made from it). One notification
-- per tenant and connection a statement touched, at commit; PostgreSQL folds identical ones within a transaction.
-- What concerns a tenant rather than one connection (a notice of none, a template's new version for the tenants with
-- connections made from it) names the nil connection: every page of the tenant that watches hears it.
create function patchbay_notify_rows_activity() returns trigger language plpgsql as $$
begin
    perform pg_notify('patchbay_activity', changed.tenant_id::text || ' '
                      || coalesce(changed.connection_id, '00000000-0000-0000-0000-000000000000'::uuid)::text)
    from (select distinct tenant_id, connection_id from changed_rows) changed;
    return null;
end
$$;

create trigger quarantined_record_inserted_activity after insert on quarantined_record
    referencing new table as changed_rows for each statement execute function patchbay_notify_rows_activity();
create trigger quarantined_record_updated_activity after update on quarantined_record
    referencing new table as changed_rows for each statement execute function patchbay_notify_rows_activity();
create trigger guardrail_exception_inserted_activity after insert on guardrail_exception
    referencing new table as changed_rows for each statement execute function patchbay_notify_rows_activity();
create trigger guardrail_exception_updated_activity after update on guardrail_exception
    referencing new table as changed_rows for each statement execute function patchbay_notify_rows_activity();
create trigger notice_inserted_activity after insert on notice
    referencing new table as changed_rows for each statement execute function patchbay_notify_rows_activity();

create function patchbay_notify_template_published() returns trigger language plpgsql as $$
begin
    perform pg_notify('patchbay_activity', tenants.tenant_id::text || ' 00000000-0000-0000-0000-000000000000')
    from (select distinct c.tenant_id from connection c
          where c.template_id in (select template_id from changed_rows)) tenants;
    return null;
end
$$;

create index connection_template_idx on connection (template_id);

create trigger template_version_published_activity after insert on template_version
    referencing new table as changed_rows for each statement execute function patchbay_notify_template_published();
