package io.patchbay.bench;

import io.patchbay.support.SignedWebhooks;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.WebhookEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Signed Standard Webhooks posted from this JVM to one connection of a hub process, each message a unique id
 * carrying one record, sent once (a benchmark counts failures; it does not retry them). Two kinds of load: senders
 * that each wait for their answer before sending again (closed loop: how much the hub takes), and sends started at
 * fixed times whatever the answers (open loop: what a sender offering a steady rate sees, queueing included).
 */
final class WebhookLoad {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final HubProcess hub;
    private final WebhookEndpoint endpoint;
    private final String label;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong next = new AtomicLong();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    /** @param label makes this load's message ids unique among every load's */
    WebhookLoad(HubProcess hub, WebhookEndpoint endpoint, String label) {
        this.hub = hub;
        this.endpoint = endpoint;
        this.label = label;
    }

    /** What one phase of load got back: answers by kind, and the latency of each 2xx. */
    static final class Phase {
        private final long startedAt = System.nanoTime();
        private final AtomicLong lastAnswerAt = new AtomicLong(startedAt);
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger accepted = new AtomicInteger();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

        int sent() {
            return sent.get();
        }

        /** Answered 202: stored, to be applied. */
        int accepted() {
            return accepted.get();
        }

        /** Every answer other than 202, and every request that got none, by kind ("HTTP 503", "no answer ..."). */
        Map<String, Integer> failures() {
            return new TreeMap<>(failures);
        }

        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** From the first send to the last answer. */
        Duration elapsed() {
            return Duration.ofNanos(lastAnswerAt.get() - startedAt);
        }

        /** The moment of the last answer, on {@link System#nanoTime()}'s clock. */
        long lastAnswerAt() {
            return lastAnswerAt.get();
        }

        double acceptedPerSecond() {
            return accepted() / Math.max(elapsed().toNanos() / 1e9, 1e-6);
        }

        /** The latency of 2xx answers at quantile {@code q} (0.5, 0.99), by the nearest rank, in milliseconds. */
        double latencyMillis(double q) {
            long[] sorted =
                    latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    /** {@code senders} threads, each sending and waiting for its answer, for {@code duration}. */
    Phase closedLoop(int senders, Duration duration) {
        var phase = new Phase();
        long end = phase.startedAt + duration.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            for (int i = 0; i < senders; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        send(phase, System.nanoTime());
                    }
                });
            }
        }
        return phase;
    }

    /**
     * {@code perSecond} sends a second for {@code duration}, each started at its time on a virtual thread of its own
     * whether or not earlier ones were answered; latency is counted from that time, so waiting in any queue counts.
     */
    Phase openLoop(int perSecond, Duration duration) {
        var phase = new Phase();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long total = duration.toSeconds() * perSecond;
        try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = phase.startedAt + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                sends.submit(() -> send(phase, due));
            }
        }
        return phase;
    }

    /** The ids of every message answered 202 so far, over all phases. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** A message's body: an event with one record, whose id the connection keys it by. */
    static String body(String id, long n) {
        return "{\"type\":\"contact.updated\",\"data\":{\"id\":\"" + id + "\",\"n\":" + n + ",\"email\":\"contact" + n
                + "@example.com\",\"company\":\"Initech\",\"phone\":\"+1 555 0137\"}}";
    }

    private void send(Phase phase, long due) {
        long n = next.getAndIncrement();
        String id = "bench_" + label + "_" + n;
        String body = body(id, n);
        long timestamp = System.currentTimeMillis() / 1000;
        var request = HttpRequest.newBuilder(URI.create(hub.webhookUrl(endpoint.connectionId())))
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", SignedWebhooks.sign(endpoint.secret(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        phase.sent.incrementAndGet();
        String failure;
        int status = 0;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            failure = status == 202 ? null : "HTTP " + status;
        } catch (HttpTimeoutException e) {
            failure = "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        } catch (IOException e) {
            failure = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        long answeredAt = System.nanoTime();
        phase.lastAnswerAt.accumulateAndGet(answeredAt, Math::max);
        if (status / 100 == 2) {
            phase.latencies.add(answeredAt - due);
        }
        if (failure == null) {
            phase.accepted.incrementAndGet();
            accepted.add(id);
        } else {
            phase.failures.merge(failure, 1, Integer::sum);
        }
    }
}
