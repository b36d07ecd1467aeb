package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.HttpCall;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import io.patchbay.security.egress.EgressResponse;
import io.patchbay.security.egress.EgressRule;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends JSON requests to external systems through the egress guard and turns every way they can fail into a
 * classified {@link ConnectorException}: throttling is waited out as {@code Retry-After} says, passing faults are
 * retried a few times, a refusal of the guard names its rule, the rest is reported with a recommended fix. Every
 * request, retries included, first waits for its turn in the connection's {@link Pacing.Turns}.
 */
final class HttpExchange {

    /** The longest Patchbay waits between two requests, whether a system asks for the wait or a pace sets it. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private static final Duration MAX_CHECK_WAIT = Duration.ofSeconds(5);
    private static final int MAX_THROTTLED_WAITS = 5;
    private static final int MAX_TRANSIENT_RETRIES = 2;

    private final EgressClient client;
    private final ObjectMapper json;
    private final String systemName;
    private final IntFunction<Optional<ConnectorError>> statusErrors;

    /**
     * @param statusErrors the connector's own words for an HTTP status (a manifest's {@code errors}); statuses it
     *     has no words for get the defaults below
     */
    HttpExchange(
            EgressClient client,
            ObjectMapper json,
            String systemName,
            IntFunction<Optional<ConnectorError>> statusErrors) {
        this.client = client;
        this.json = json;
        this.systemName = systemName;
        this.statusErrors = statusErrors;
    }

    /** A response body read as JSON, with the headers it came with (pagination may need {@code Link}). */
    record Fetched(JsonNode body, EgressResponse response) {}

    /** A GET that waits out throttling and retries passing faults; for reads inside a run. */
    Fetched getWithRetries(URI uri, Map<String, String> headers, Pacing.Turns turns, ReadContext context) {
        return withRetries("GET", uri, headers, null, turns, context);
    }

    /**
     * A write of one record (an upsert, so retrying it is safe), retried like a read. The system refusing the
     * record itself (400, 409, 422) is {@link ErrorClass#DATA}, in the system's own words where it gives them.
     */
    Fetched writeWithRetries(
            String method, URI uri, Map<String, String> headers, String body, Pacing.Turns turns, ReadContext context) {
        return withRetries(method, uri, headers, body, turns, context);
    }

    private Fetched withRetries(
            String method,
            URI uri,
            Map<String, String> headers,
            @Nullable String requestBody,
            Pacing.Turns turns,
            ReadContext context) {
        int throttledWaits = 0;
        int transientRetries = 0;
        while (true) {
            turns.await(context::cancelled);
            if (context.cancelled()) {
                throw new ConnectorException(
                        ErrorClass.TRANSIENT, "The run was cancelled.", "Start it again with Run now.");
            }
            try {
                EgressResponse response = send(method, uri, headers, requestBody, context.correlationId(), context);
                if (response.status() == 429 && throttledWaits < MAX_THROTTLED_WAITS) {
                    Duration wait = retryAfter(response)
                            .or(() -> quotaReset(response))
                            .orElse(Duration.ofSeconds(1L << throttledWaits));
                    throttledWaits++;
                    pause(wait, context::cancelled);
                    context.throttled(wait);
                    continue;
                }
                if (response.status() >= 500 && transientRetries < MAX_TRANSIENT_RETRIES) {
                    transientRetries++;
                    pause(Duration.ofSeconds(transientRetries), context::cancelled);
                    continue;
                }
                if (requestBody != null) {
                    refusedRecord(response).ifPresent(error -> {
                        throw new RecordRefusedException(error);
                    });
                }
                Fetched fetched = body(uri, response);
                // the quota is spent: wait for its reset now rather than be refused on the next request
                if (response.header("X-RateLimit-Remaining")
                        .map(String::trim)
                        .filter("0"::equals)
                        .isPresent()) {
                    quotaReset(response).filter(wait -> !wait.isZero()).ifPresent(wait -> {
                        pause(wait, context::cancelled);
                        context.throttled(wait);
                    });
                }
                return fetched;
            } catch (ConnectorException e) {
                if (e.error().errorClass() == ErrorClass.TRANSIENT && transientRetries < MAX_TRANSIENT_RETRIES) {
                    transientRetries++;
                    pause(Duration.ofSeconds(transientRetries), context::cancelled);
                    continue;
                }
                throw e;
            }
        }
    }

    /**
     * A GET for Test connection, which must answer within seconds: no retries, except one after a short
     * {@code Retry-After}, since being throttled says nothing about whether the settings are right. Likewise it
     * waits for its turn in the connection's pace only briefly.
     */
    Fetched getOnce(URI uri, Map<String, String> headers, Pacing.Turns turns, String correlationId) {
        awaitTurnForCheck(turns);
        EgressResponse response = send("GET", uri, headers, null, correlationId);
        if (response.status() == 429) {
            Optional<Duration> wait = retryAfter(response);
            if (wait.isPresent() && wait.get().compareTo(MAX_CHECK_WAIT) <= 0) {
                sleep(wait.get());
                awaitTurnForCheck(turns);
                response = send("GET", uri, headers, null, correlationId);
            }
        }
        return body(uri, response);
    }

    private void awaitTurnForCheck(Pacing.Turns turns) {
        if (!turns.awaitWithin(MAX_CHECK_WAIT)) {
            throw new ConnectorException(
                    ErrorClass.RATE_LIMIT,
                    "Patchbay keeps its requests to " + systemName + " under its rate limit, and this connection's "
                            + "next turn is more than " + MAX_CHECK_WAIT.toSeconds() + " s away.",
                    "Test again in a minute; a run of this connection may be reading right now.");
        }
    }

    /** A refusal of the record itself, in the system's words (problem+json {@code detail}) where it gives them. */
    private Optional<ConnectorError> refusedRecord(EgressResponse response) {
        int status = response.status();
        if (status != 400 && status != 409 && status != 422) {
            return Optional.empty();
        }
        String detail = "";
        try {
            JsonNode problem = json.readTree(response.body());
            detail = problem.path("detail").asString(problem.path("message").asString(""));
        } catch (JacksonException e) {
            // not JSON: the status says enough
        }
        return Optional.of(new ConnectorError(
                ErrorClass.DATA,
                systemName + " refused a record (HTTP " + status + ")" + (detail.isBlank() ? "." : ": " + detail),
                "Correct the record so that " + systemName
                        + " accepts it; the rest of the batch can be written again."));
    }

    /** One exchange, logged on the run ({@code log}, when there is one) whether an answer came or not. */
    private EgressResponse send(
            String method,
            URI uri,
            Map<String, String> headers,
            @Nullable String requestBody,
            String correlationId,
            @Nullable ReadContext log) {
        long started = System.nanoTime();
        try {
            EgressResponse response = send(method, uri, headers, requestBody, correlationId);
            if (log != null) {
                log.requested(new HttpCall(
                        method,
                        HttpCall.redacted(uri),
                        response.status(),
                        elapsedMillis(started),
                        response.body().length(),
                        null));
            }
            return response;
        } catch (ConnectorException e) {
            if (log != null) {
                log.requested(new HttpCall(
                        method,
                        HttpCall.redacted(uri),
                        0,
                        elapsedMillis(started),
                        0,
                        e.error().message()));
            }
            throw e;
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private EgressResponse send(
            String method, URI uri, Map<String, String> headers, @Nullable String requestBody, String correlationId) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Accept", "application/json");
        all.put("User-Agent", "Patchbay");
        all.put("X-Correlation-Id", correlationId);
        try {
            return client.send(method, uri, all, requestBody);
        } catch (EgressRefusedException e) {
            if (e.rule() == EgressRule.RESPONSE_SIZE) {
                throw new ConnectorException(
                        ErrorClass.DATA,
                        systemName + " sent a response larger than Patchbay accepts.",
                        "Ask for smaller pages, or contact support.",
                        e);
            }
            throw new ConnectorException(
                    ErrorClass.CONFIG, "Patchbay does not call this address: " + e.getMessage() + ".", e.fix(), e);
        } catch (ConnectTimeoutException e) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "Could not connect to " + hostOf(uri) + " within a few seconds.",
                    "Check that the base URL is right and that " + systemName + " is reachable from Patchbay.",
                    e);
        } catch (SocketTimeoutException e) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    systemName + " did not answer in time.",
                    "Try again in a few minutes; if it keeps happening, check " + systemName + "'s status page.",
                    e);
        } catch (UnknownHostException e) {
            throw unknownHost(uri, e);
        } catch (ConnectException e) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "Could not connect to " + hostOf(uri) + ": the host is unreachable or refused the connection.",
                    "Check the base URL (host and port) and that " + systemName + " is up, then test again.",
                    e);
        } catch (SSLException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The secure connection to " + hostOf(uri) + " failed (TLS).",
                    "Check that the base URL uses the right scheme and host; the certificate must be valid.",
                    e);
        } catch (InterruptedIOException e) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT, systemName + " did not answer in time.", "Try again in a few minutes.", e);
        } catch (IOException e) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "The connection to " + hostOf(uri) + " broke off.",
                    "Try again; if it keeps happening, check that " + systemName + " is healthy.",
                    e);
        }
    }

    private Fetched body(URI uri, EgressResponse response) {
        int status = response.status();
        if (status < 200 || status >= 300) {
            statusErrors.apply(status).ifPresent(error -> {
                throw new ConnectorException(error);
            });
        }
        if (status == 401 || status == 403) {
            throw new ConnectorException(
                    ErrorClass.AUTH,
                    systemName + " rejected the credentials (HTTP " + status + ").",
                    "Check the credentials in the connection settings and that they may read this data.");
        }
        if (status == 404) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL does not lead to the " + systemName + " API (HTTP 404 for " + uri.getPath() + ").",
                    "Use the API base URL exactly as " + systemName + " documents it.");
        }
        if (status == 429) {
            throw new ConnectorException(
                    ErrorClass.RATE_LIMIT,
                    systemName + " kept asking Patchbay to slow down (HTTP 429).",
                    "Lower the sync frequency or ask " + systemName
                            + " for a higher rate limit; the next run resumes where this one stopped.");
        }
        if (status >= 500) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    systemName + " answered with a server error (HTTP " + status + ").",
                    "Wait a few minutes; the next run resumes where this one stopped.");
        }
        if (status < 200 || status >= 300) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    systemName + " refused the request (HTTP " + status + ").",
                    "Check the connection settings against " + systemName + "'s documentation.");
        }
        try {
            return new Fetched(json.readTree(response.body()), response);
        } catch (JacksonException e) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    systemName + " answered, but not with JSON.",
                    "Check that the base URL points at the API and not at a web page.");
        }
    }

    private ConnectorException unknownHost(URI uri, Exception cause) {
        return new ConnectorException(
                ErrorClass.CONFIG,
                "The host '" + hostOf(uri) + "' could not be found.",
                "Check the base URL for typos.",
                cause);
    }

    private static String hostOf(URI uri) {
        return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : String.valueOf(uri.getHost());
    }

    static Optional<Duration> retryAfter(EgressResponse response) {
        return response.header("Retry-After")
                .flatMap(value -> {
                    try {
                        return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
                    } catch (NumberFormatException notSeconds) {
                        try {
                            var at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                            return Optional.of(Duration.between(ZonedDateTime.now(at.getZone()), at));
                        } catch (DateTimeParseException notADate) {
                            return Optional.empty();
                        }
                    }
                })
                .map(HttpExchange::bounded);
    }

    /**
     * When the quota resets, from {@code X-RateLimit-Reset} or {@code RateLimit-Reset}: an epoch second where the
     * value is that large, else seconds from now. Capped like {@code Retry-After}.
     */
    static Optional<Duration> quotaReset(EgressResponse response) {
        return response.header("X-RateLimit-Reset")
                .or(() -> response.header("RateLimit-Reset"))
                .flatMap(value -> {
                    try {
                        long number = Long.parseLong(value.trim());
                        Duration wait = number > 1_000_000_000L
                                ? Duration.ofSeconds(
                                        number - java.time.Instant.now().getEpochSecond())
                                : Duration.ofSeconds(number);
                        return Optional.of(bounded(wait));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                });
    }

    /** A wait the external system asked for, kept between zero and {@link #LONGEST_WAIT}. */
    private static Duration bounded(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits {@code wait}, or less once {@code cancelled} says so: a cancelled run stops within a tenth of a second. */
    static void pause(Duration wait, BooleanSupplier cancelled) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < until && !cancelled.getAsBoolean()) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The system refused one record it was sent (HTTP 400, 409, 422): the record's fault, not the batch's. */
    static final class RecordRefusedException extends ConnectorException {
        RecordRefusedException(ConnectorError error) {
            super(error);
        }
    }
}
