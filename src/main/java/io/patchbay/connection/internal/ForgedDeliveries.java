package io.patchbay.connection.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.patchbay.connection.ConnectionId;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Deliveries to webhook URLs that fail their signature check, counted per sender's address and per connection: past
 * either limit in a minute, a forged delivery is answered 429 with when to try again instead of 401, so a sender that
 * probes keys or floods a URL is told to stop. Only failures count and only failures are refused: a delivery that
 * verifies is taken whatever else arrives. Counted on each node, as a load balancer spreads senders over them.
 */
@Component
class ForgedDeliveries {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final InboundProperties properties;
    private final Cache<String, Bucket> byClient = Caffeine.newBuilder()
            .expireAfterAccess(MINUTE.multipliedBy(2))
            .maximumSize(100_000)
            .build();
    private final Cache<ConnectionId, Bucket> byConnection = Caffeine.newBuilder()
            .expireAfterAccess(MINUTE.multipliedBy(2))
            .maximumSize(100_000)
            .build();

    ForgedDeliveries(InboundProperties properties) {
        this.properties = properties;
    }

    /**
     * Counts a delivery that failed its check.
     *
     * @return how long the sender should wait, when this failure is past a limit
     */
    Optional<Duration> failed(String client, ConnectionId connection) {
        ConsumptionProbe fromClient = byClient.get(client, c -> bucket(properties.forgedPerClientPerMinute()))
                .tryConsumeAndReturnRemaining(1);
        ConsumptionProbe toConnection = byConnection
                .get(connection, c -> bucket(properties.forgedPerConnectionPerMinute()))
                .tryConsumeAndReturnRemaining(1);
        long wait = Math.max(
                fromClient.isConsumed() ? 0 : fromClient.getNanosToWaitForRefill(),
                toConnection.isConsumed() ? 0 : toConnection.getNanosToWaitForRefill());
        return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
    }

    private static Bucket bucket(int perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, MINUTE)
                        .build())
                .build();
    }
}
