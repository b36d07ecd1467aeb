package io.patchbay.tenancy;

/** A member of staff began working in a customer's tenant, and said why. Audited in that tenant. */
public record StaffEnteredTenant(TenantId tenantId, String actor, String roles, String reason) {}
