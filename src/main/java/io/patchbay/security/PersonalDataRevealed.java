package io.patchbay.security;

import io.patchbay.tenancy.TenantId;

/** An admin of the tenant asked to see the personal data of a record that is masked by default. */
public record PersonalDataRevealed(TenantId tenantId, String objectType, String objectId, String what, String actor) {}
