package io.patchbay.faults;

import io.patchbay.support.SignedWebhooks;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.WebhookEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Senders of signed webhooks, as real systems send them: {@code senders} threads post messages concurrently, each
 * message a unique {@code webhook-id} carrying one record, signed with Standard Webhooks ({@code v1,<base64
 * HMAC-SHA256 of id.timestamp.body>}, re-signed on every attempt). A message is sent again until a hub answers 2xx
 * (a 4xx other than 408 and 429 is a refusal, and the sender gives up on it); attempt {@code k} of message {@code n}
 * goes to node {@code (n + k) mod nodes}, so with two nodes a sender fails over as a load balancer would.
 *
 * <p>Every attempt is kept with when it was sent, when and how it was answered, so a test can say afterwards which
 * messages were acknowledged (202 accepted or 200 duplicate) and what the hub answered while a fault lasted.
 */
final class WebhookFlood implements AutoCloseable {

    /**
     * One try at delivering a message: the HTTP status (with where a redirect pointed), or 0 with why there was no
     * answer.
     */
    record Attempt(String node, Instant sentAt, Instant answeredAt, int status, String failure) {

        boolean acknowledged() {
            return status / 100 == 2;
        }

        boolean answered() {
            return status > 0;
        }

        /** "HTTP 503", "HTTP 302 to /login", "refused", "no answer within 60 s", ... */
        String kind() {
            if (!answered()) {
                return failure;
            }
            return "HTTP " + status + (failure.isEmpty() ? "" : " to " + failure);
        }

        boolean sentBetween(Instant from, Instant to) {
            return !sentAt.isBefore(from) && !sentAt.isAfter(to);
        }
    }

    /** One message and every attempt at it. */
    static final class Message {
        final int n;
        final String id;
        final WebhookEndpoint endpoint;
        final String body;
        private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        private volatile int acknowledgedWith;

        Message(int n, String id, WebhookEndpoint endpoint) {
            this.n = n;
            this.id = id;
            this.endpoint = endpoint;
            this.body = "{\"type\":\"fault.flood\",\"data\":{\"id\":\"" + id + "\",\"n\":" + n + "}}";
        }

        boolean acknowledged() {
            return acknowledgedWith != 0;
        }

        /** 202 or 200, or 0 when no attempt was answered 2xx. */
        int acknowledgedWith() {
            return acknowledgedWith;
        }

        List<Attempt> attempts() {
            synchronized (attempts) {
                return List.copyOf(attempts);
            }
        }
    }

    private final String label;
    private final List<WebhookEndpoint> endpoints;
    private final Supplier<List<HubProcess>> nodes;
    private final int senders;
    private final int total;
    private final Duration answerTimeout;
    private final HttpClient http;
    private final ExecutorService pool;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final ConcurrentLinkedQueue<Message> messages = new ConcurrentLinkedQueue<>();
    private volatile boolean sendingNew = true;
    private volatile boolean givingUp;

    /**
     * @param label distinguishes this flood's message ids from every other flood's
     * @param total how many messages to send; 0 for as many as are sent until {@link #stopSendingNew()}
     */
    WebhookFlood(
            String label,
            List<WebhookEndpoint> endpoints,
            Supplier<List<HubProcess>> nodes,
            int senders,
            int total,
            Duration answerTimeout) {
        this.label = label;
        this.endpoints = List.copyOf(endpoints);
        this.nodes = nodes;
        this.senders = senders;
        this.total = total;
        this.answerTimeout = answerTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.pool = Executors.newFixedThreadPool(senders, runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    WebhookFlood start() {
        for (int i = 0; i < senders; i++) {
            pool.submit(this::send);
        }
        pool.shutdown();
        return this;
    }

    /** No new messages from now on; those already sent are still retried until acknowledged. */
    void stopSendingNew() {
        sendingNew = false;
    }

    /** Waits until at least {@code count} messages are acknowledged; false if that took longer than {@code timeout}. */
    boolean awaitAcknowledged(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (acknowledged.get() < count) {
            if (Instant.now().isAfter(deadline) || pool.isTerminated()) {
                return acknowledged.get() >= count;
            }
            HubProcess.pause(Duration.ofMillis(50));
        }
        return true;
    }

    /**
     * Waits for every message to be acknowledged or refused; after {@code timeout} the senders give up on the rest
     * (they stay unacknowledged in the bookkeeping). True when nothing was given up.
     */
    boolean awaitFinished(Duration timeout) {
        try {
            if (pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            givingUp = true;
            sendingNew = false;
            pool.awaitTermination(answerTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int acknowledgedSoFar() {
        return acknowledged.get();
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    Stream<Attempt> attempts() {
        return messages.stream().flatMap(message -> message.attempts().stream());
    }

    /** The first acknowledgement of an attempt sent after {@code instant}, if any. */
    Optional<Instant> firstAcknowledgedAfter(Instant instant) {
        return attempts()
                .filter(a -> a.acknowledged() && a.sentAt().isAfter(instant))
                .map(Attempt::answeredAt)
                .min(Instant::compareTo);
    }

    /** How often each kind of answer came, e.g. {@code {HTTP 202=5000, HTTP 500=12, refused=80}}. */
    Map<String, Integer> answers() {
        Map<String, Integer> kinds = new TreeMap<>();
        attempts().forEach(attempt -> kinds.merge(attempt.kind(), 1, Integer::sum));
        return kinds;
    }

    @Override
    public void close() {
        givingUp = true;
        sendingNew = false;
        pool.shutdownNow();
    }

    private void send() {
        while (!givingUp) {
            int n = next.getAndIncrement();
            if (!sendingNew || (total > 0 && n >= total)) {
                return;
            }
            var message = new Message(n, "msg_" + label + "_" + n, endpoints.get(n % endpoints.size()));
            messages.add(message);
            deliver(message);
        }
    }

    private void deliver(Message message) {
        for (int k = 0; !givingUp; k++) {
            List<HubProcess> targets = nodes.get();
            HubProcess node = targets.get((message.n + k) % targets.size());
            Attempt attempt = post(node, message);
            message.attempts.add(attempt);
            if (attempt.acknowledged()) {
                message.acknowledgedWith = attempt.status();
                acknowledged.incrementAndGet();
                return;
            }
            if (attempt.status() / 100 == 4 && attempt.status() != 408 && attempt.status() != 429) {
                return; // refused: sending it again would be refused the same way
            }
            HubProcess.pause(backoff(k));
        }
    }

    private Attempt post(HubProcess node, Message message) {
        Instant sentAt = Instant.now();
        long timestamp = sentAt.getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create(node.webhookUrl(message.endpoint.connectionId())))
                .timeout(answerTimeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", message.id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header(
                        "webhook-signature",
                        SignedWebhooks.sign(message.endpoint.secret(), message.id, timestamp, message.body))
                .POST(HttpRequest.BodyPublishers.ofString(message.body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            String redirect = response.headers()
                    .firstValue("Location")
                    .map(location -> String.valueOf(URI.create(location).getPath()))
                    .orElse("");
            return new Attempt(node.name(), sentAt, Instant.now(), response.statusCode(), redirect);
        } catch (HttpTimeoutException e) {
            return new Attempt(
                    node.name(), sentAt, Instant.now(), 0, "no answer within " + answerTimeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return new Attempt(node.name(), sentAt, Instant.now(), 0, "refused");
        } catch (IOException e) {
            return new Attempt(node.name(), sentAt, Instant.now(), 0, "connection lost");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            givingUp = true;
            return new Attempt(node.name(), sentAt, Instant.now(), 0, "interrupted");
        }
    }

    /** 100 ms, doubling to 1.6 s, with jitter, as senders back off. */
    private static Duration backoff(int attempt) {
        long base = 100L << Math.min(attempt, 4);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
