package io.patchbay.tenancy;

/** A customer organisation. A sandbox tenant is one for trials and partners. */
public record Tenant(TenantId id, String slug, String name, boolean sandbox) {}
