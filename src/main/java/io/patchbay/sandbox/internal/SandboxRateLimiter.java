package io.patchbay.sandbox.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.patchbay.sandbox.SandboxProperties;
import io.patchbay.tenancy.TenantId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The Sandbox CRM's rate limit: one Bucket4j bucket per account, at the account's limit (its "Throttle the API"
 * override, else the configured one). The limit is stored with the account; the buckets are per node and in memory,
 * as a third party's limiter is none of Patchbay's state, and a bucket is started afresh when its account's limit
 * changes.
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxRateLimiter {

    private record Limited(SandboxProperties.RateLimit limit, Bucket bucket) {}

    private final SandboxProperties.RateLimit configured;
    private final Map<TenantId, Limited> buckets = new ConcurrentHashMap<>();

    SandboxRateLimiter(SandboxProperties properties) {
        this.configured = properties.crm().rateLimit();
    }

    /** The account's limit: its override, else the configured one. */
    public SandboxProperties.RateLimit limitOf(SandboxAccount account) {
        return account.crmRateLimit() == null ? configured : account.crmRateLimit();
    }

    ConsumptionProbe tryConsume(SandboxAccount account) {
        SandboxProperties.RateLimit limit = limitOf(account);
        return buckets.compute(
                        account.tenant(),
                        (tenant, current) -> current == null || !current.limit().equals(limit)
                                ? new Limited(limit, bucket(limit))
                                : current)
                .bucket()
                .tryConsumeAndReturnRemaining(1);
    }

    private static Bucket bucket(SandboxProperties.RateLimit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.requests())
                        .refillIntervally(limit.requests(), limit.per())
                        .build())
                .build();
    }
}
