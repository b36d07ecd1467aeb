package io.patchbay.catalog.internal.manifest;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.patchbay.catalog.internal.manifest.ConnectorManifest.RateLimit;
import io.patchbay.catalog.spi.ConnectorSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a manifest connector under the rate limit its manifest declares ({@code http.rate_limit}, or the connection's
 * own where the manifest lets a connection set it), with one Bucket4j
 * bucket per connection, so that Patchbay is not the one to exhaust a system's quota and get answered 429.
 *
 * <p>Requests are spaced evenly, one every {@code per / requests}: a bucket of one token. A bucket that lets a burst
 * of {@code requests} through and then refills would send up to twice the limit around the boundary of the system's
 * own window, whose alignment Patchbay cannot know; evenly spaced requests never put more than {@code requests} in
 * any stretch of {@code per}.
 *
 * <p>Connectors are stateless and see only a connection's settings, so a connection here is what the system sees:
 * the base URL and the settings (credentials included), kept as a SHA-256 digest. Two connections with the same
 * settings use one quota at the system, and so they share a bucket. The buckets of the most recently used
 * {@value #CONNECTIONS} connections are kept; a forgotten one starts again with one request's allowance.
 *
 * <p>Waiting for a turn is Patchbay's own pace, not the system asking it to slow down, so it is not reported to
 * {@link io.patchbay.catalog.spi.ReadContext#throttled}: a run that only kept its pace was not throttled.
 *
 * @see <a href="../../../../../../../../docs/adr/0005-paced-requests.md">ADR 5</a>
 */
final class Pacing {

    private static final int CONNECTIONS = 1024;

    private final @Nullable RateLimit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > CONNECTIONS;
        }
    });

    /** @param limit the manifest's rate limit; without one, every request goes at once */
    Pacing(@Nullable RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** The time between two requests of one connection under {@code limit}. */
    static Duration spacing(RateLimit limit) {
        return limit.period().dividedBy(limit.requests());
    }

    /** The turns of the connection these settings make. */
    Turns turns(URI baseUrl, ConnectorSettings settings) {
        if (limit == null) {
            return Turns.UNLIMITED;
        }
        Map<String, String> sorted = new TreeMap<>();
        settings.merged()
                .properties()
                .forEach(field -> sorted.put(field.getKey(), field.getValue().toString()));
        // the settings (and so a connection's own rate limit) are part of the key: a changed limit is a new bucket
        String connection = Digests.sha256(baseUrl.toString(), sorted.toString());
        return new Turns(
                buckets.computeIfAbsent(connection, key -> bucket(limit.forSettings(settings.values()))), clock);
    }

    private Bucket bucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(1).refillGreedy(limit.requests(), limit.period()))
                .withCustomTimePrecision(clock)
                .build();
    }

    /** One connection's turns. */
    static final class Turns {

        static final Turns UNLIMITED = new Turns(null, Clock.SYSTEM);

        private final @Nullable Bucket bucket;
        private final Clock clock;

        private Turns(@Nullable Bucket bucket, Clock clock) {
            this.bucket = bucket;
            this.clock = clock;
        }

        /**
         * Waits for the next request's turn, or until {@code cancelled} says so; the turn is reserved first, so
         * concurrent callers take turns in order.
         */
        void await(BooleanSupplier cancelled) {
            if (bucket != null) {
                bucket.asBlocking().consumeUninterruptibly(1, nanos -> clock.sleep(nanos, cancelled));
            }
        }

        /** Waits for the next turn if it comes within {@code longest}; false, without waiting, if it does not. */
        boolean awaitWithin(Duration longest) {
            return bucket == null
                    || bucket.asBlocking()
                            .tryConsumeUninterruptibly(1, longest, nanos -> clock.sleep(nanos, () -> false));
        }
    }

    /** The time the buckets read and the way a wait is spent; tests use a clock that moves only when waited on. */
    interface Clock extends TimeMeter {

        Clock SYSTEM = new Clock() {
            @Override
            public long currentTimeNanos() {
                return System.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }

            @Override
            public void sleep(long nanos, BooleanSupplier cancelled) {
                HttpExchange.pause(Duration.ofNanos(nanos), cancelled);
            }
        };

        /** Waits {@code nanos}, or less once {@code cancelled} says so. */
        void sleep(long nanos, BooleanSupplier cancelled);
    }
}
