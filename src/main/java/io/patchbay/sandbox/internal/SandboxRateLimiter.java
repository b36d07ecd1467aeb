package io.patchbay.sandbox.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.patchbay.sandbox.SandboxProperties;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The Sandbox CRM's rate limit: one Bucket4j bucket for its API key. Per node and in memory, as a third party's
 * limiter is none of Patchbay's state.
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxRateLimiter {

    private volatile Bucket bucket;
    private volatile SandboxProperties.RateLimit current;

    SandboxRateLimiter(SandboxProperties properties) {
        this.current = properties.crm().rateLimit();
        this.bucket = bucket(current);
    }

    public void reset(int requests, Duration per) {
        current = new SandboxProperties.RateLimit(requests, per);
        bucket = bucket(current);
    }

    public SandboxProperties.RateLimit current() {
        return current;
    }

    ConsumptionProbe tryConsume() {
        return bucket.tryConsumeAndReturnRemaining(1);
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
