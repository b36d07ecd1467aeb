package io.patchbay.catalog;

/** How many connections, in any tenant, are made from a template: one that some use cannot be retired. */
public interface TemplateUsage {

    int connectionsUsing(String templateId);
}
