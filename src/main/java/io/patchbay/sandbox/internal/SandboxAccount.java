package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxProperties;
import io.patchbay.tenancy.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's account at the sandbox systems, as a SaaS keeps one per customer: the credentials it issued to that
 * customer and the settings it keeps for it.
 *
 * @param crmRateLimit the CRM's rate limit for this account while "Throttle the API" holds; null keeps the
 *     configured one
 */
public record SandboxAccount(
        TenantId tenant,
        String crmApiKey,
        String billingClientId,
        String billingClientSecret,
        String calendarClientId,
        String calendarClientSecret,
        SandboxProperties.@Nullable RateLimit crmRateLimit) {

    /** Credentials are never logged; a log line names the tenant and the client ids only. */
    @Override
    public String toString() {
        return "SandboxAccount[tenant=" + tenant + ", billingClientId=" + billingClientId + ", calendarClientId="
                + calendarClientId + "]";
    }
}
