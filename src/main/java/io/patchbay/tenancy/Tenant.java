package io.patchbay.tenancy;

/**
 * A customer organisation. A sandbox tenant is one for trials and partners; the operator tenant is the company running
 * Patchbay, where its staff's accounts live.
 */
public record Tenant(TenantId id, String slug, String name, boolean sandbox, boolean operator) {}
