--liquibase formatted sql

--changeset patchbay:template-audience-1
-- A built template is offered to the tenants its engineer chose when publishing it (every tenant, or a list), and a
-- template no connection uses can be retired: gone from every gallery, its versions kept for history. Templates built
-- before this were offered to every tenant, and stay so.
alter table template add column audience text not null default 'everyone'
    check (audience in ('everyone', 'chosen'));
alter table template add column retired_at timestamptz;
alter table template add column retired_by text;

create table template_tenant (
    template_id text not null references template (id),
    tenant_id   uuid not null references tenant (id) on delete cascade,
    primary key (template_id, tenant_id)
);
create index template_tenant_tenant_idx on template_tenant (tenant_id);
