--liquibase formatted sql

--changeset patchbay:sandbox-accounts-1
-- Each tenant has its own account at the sandbox systems, as a real SaaS gives each customer one: its own CRM API
-- key, its own OAuth2 clients at billing and calendar, and its own data. The systems' APIs find the account from the
-- credential they are given; the Sandbox systems page from the signed-in user's tenant. The sandbox plays the third
-- party, which shows its customers their keys again, so they are kept readable (the module is off in production).
create table sandbox_account (
    tenant_id               uuid        primary key references tenant (id),
    crm_api_key             text        not null unique,
    billing_client_id       text        not null unique,
    billing_client_secret   text        not null,
    calendar_client_id      text        not null unique,
    calendar_client_secret  text        not null,
    -- "Throttle the API": the CRM's rate limit for this account; null keeps the configured one
    crm_rate_limit_requests int         check (crm_rate_limit_requests > 0),
    crm_rate_limit_millis   bigint      check (crm_rate_limit_millis > 0),
    created_at              timestamptz not null default clock_timestamp(),
    check ((crm_rate_limit_requests is null) = (crm_rate_limit_millis is null))
);

-- The systems' data so far belonged to no one: a demo database keeps it as the demo tenant's (slug acme), any
-- other database drops it (its account is seeded afresh on first use). Children go first.
delete from sandbox_calendar_code where not exists (select 1 from tenant where slug = 'acme');
delete from sandbox_calendar_refresh_token where not exists (select 1 from tenant where slug = 'acme');
delete from sandbox_calendar_grant where not exists (select 1 from tenant where slug = 'acme');
delete from sandbox_calendar_event where not exists (select 1 from tenant where slug = 'acme');
delete from sandbox_billing_webhook_endpoint where not exists (select 1 from tenant where slug = 'acme');
delete from sandbox_billing_invoice where not exists (select 1 from tenant where slug = 'acme');
delete from sandbox_billing_customer where not exists (select 1 from tenant where slug = 'acme');
delete from sandbox_crm_contact where not exists (select 1 from tenant where slug = 'acme');

alter table sandbox_crm_contact add column tenant_id uuid references tenant (id);
update sandbox_crm_contact set tenant_id = (select id from tenant where slug = 'acme');
alter table sandbox_crm_contact alter column tenant_id set not null;
drop index sandbox_crm_contact_updated_idx;
create index sandbox_crm_contact_updated_idx on sandbox_crm_contact (tenant_id, updated_at, id);
create index sandbox_crm_contact_email_idx on sandbox_crm_contact (tenant_id, lower(email));

alter table sandbox_billing_customer add column tenant_id uuid references tenant (id);
update sandbox_billing_customer set tenant_id = (select id from tenant where slug = 'acme');
alter table sandbox_billing_customer alter column tenant_id set not null;
drop index sandbox_billing_customer_updated_idx;
create index sandbox_billing_customer_updated_idx on sandbox_billing_customer (tenant_id, updated_at, id);
alter table sandbox_billing_customer add constraint sandbox_billing_customer_tenant_id_key unique (tenant_id, id);

-- an invoice belongs to a customer of the same account, and its number is unique within that account
alter table sandbox_billing_invoice add column tenant_id uuid references tenant (id);
update sandbox_billing_invoice set tenant_id = (select id from tenant where slug = 'acme');
alter table sandbox_billing_invoice alter column tenant_id set not null;
alter table sandbox_billing_invoice drop constraint sandbox_billing_invoice_customer_id_fkey;
alter table sandbox_billing_invoice add constraint sandbox_billing_invoice_customer_fkey
    foreign key (tenant_id, customer_id) references sandbox_billing_customer (tenant_id, id);
alter table sandbox_billing_invoice drop constraint sandbox_billing_invoice_number_key;
alter table sandbox_billing_invoice add constraint sandbox_billing_invoice_number_key unique (tenant_id, number);
drop index sandbox_billing_invoice_updated_idx;
create index sandbox_billing_invoice_updated_idx on sandbox_billing_invoice (tenant_id, updated_at, id);

-- two organisations may both register a URL; one account registers it once
alter table sandbox_billing_webhook_endpoint add column tenant_id uuid references tenant (id);
update sandbox_billing_webhook_endpoint set tenant_id = (select id from tenant where slug = 'acme');
alter table sandbox_billing_webhook_endpoint alter column tenant_id set not null;
alter table sandbox_billing_webhook_endpoint drop constraint sandbox_billing_webhook_endpoint_url_key;
alter table sandbox_billing_webhook_endpoint add constraint sandbox_billing_webhook_endpoint_url_key
    unique (tenant_id, url);

alter table sandbox_calendar_event add column tenant_id uuid references tenant (id);
update sandbox_calendar_event set tenant_id = (select id from tenant where slug = 'acme');
alter table sandbox_calendar_event alter column tenant_id set not null;
drop index sandbox_calendar_event_updated_idx;
create index sandbox_calendar_event_updated_idx on sandbox_calendar_event (tenant_id, updated_at, id);

alter table sandbox_calendar_grant add column tenant_id uuid references tenant (id);
update sandbox_calendar_grant set tenant_id = (select id from tenant where slug = 'acme');
alter table sandbox_calendar_grant alter column tenant_id set not null;
alter table sandbox_calendar_grant add constraint sandbox_calendar_grant_tenant_id_key unique (tenant_id, id);
create index sandbox_calendar_grant_active_idx on sandbox_calendar_grant (tenant_id) where revoked_at is null;

-- codes and refresh tokens are found by digest, always together with the account of the client presenting them
alter table sandbox_calendar_code add column tenant_id uuid references tenant (id);
update sandbox_calendar_code set tenant_id = (select id from tenant where slug = 'acme');
alter table sandbox_calendar_code alter column tenant_id set not null;
alter table sandbox_calendar_code drop constraint sandbox_calendar_code_grant_id_fkey;
alter table sandbox_calendar_code add constraint sandbox_calendar_code_grant_fkey
    foreign key (tenant_id, grant_id) references sandbox_calendar_grant (tenant_id, id);

alter table sandbox_calendar_refresh_token add column tenant_id uuid references tenant (id);
update sandbox_calendar_refresh_token set tenant_id = (select id from tenant where slug = 'acme');
alter table sandbox_calendar_refresh_token alter column tenant_id set not null;
alter table sandbox_calendar_refresh_token drop constraint sandbox_calendar_refresh_token_grant_id_fkey;
alter table sandbox_calendar_refresh_token add constraint sandbox_calendar_refresh_token_grant_fkey
    foreign key (tenant_id, grant_id) references sandbox_calendar_grant (tenant_id, id);
