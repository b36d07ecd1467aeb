package io.patchbay.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.ReadContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends JSON requests to external systems and turns every way they can fail into a classified
 * {@link ConnectorException}: throttling is waited out as {@code Retry-After} says, passing faults are retried a few
 * times, the rest is reported with a recommended fix.
 */
final class HttpExchange {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Duration MAX_CHECK_WAIT = Duration.ofSeconds(5);
    private static final int MAX_THROTTLED_WAITS = 5;
    private static final int MAX_TRANSIENT_RETRIES = 2;
    private static final int MAX_BODY_CHARS = 5_000_000;

    private final HttpClient client;
    private final ObjectMapper json;
    private final String systemName;

    HttpExchange(HttpClient client, ObjectMapper json, String systemName) {
        this.client = client;
        this.json = json;
        this.systemName = systemName;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A GET that waits out throttling and retries passing faults; for reads inside a run. */
    JsonNode getWithRetries(URI uri, Map<String, String> headers, ReadContext context) {
        int throttledWaits = 0;
        int transientRetries = 0;
        while (true) {
            if (context.cancelled()) {
                throw new ConnectorException(
                        ErrorClass.TRANSIENT, "The run was cancelled.", "Start it again with Run now.");
            }
            try {
                HttpResponse<String> response = send(uri, headers, context.correlationId());
                if (response.statusCode() == 429 && throttledWaits < MAX_THROTTLED_WAITS) {
                    Duration wait = retryAfter(response).orElse(Duration.ofSeconds(1L << throttledWaits));
                    throttledWaits++;
                    pause(wait, context);
                    context.throttled(wait);
                    continue;
                }
                if (response.statusCode() >= 500 && transientRetries < MAX_TRANSIENT_RETRIES) {
                    transientRetries++;
                    pause(Duration.ofSeconds(transientRetries), context);
                    continue;
                }
                return body(uri, response);
            } catch (ConnectorException e) {
                if (e.error().errorClass() == ErrorClass.TRANSIENT && transientRetries < MAX_TRANSIENT_RETRIES) {
                    transientRetries++;
                    pause(Duration.ofSeconds(transientRetries), context);
                    continue;
                }
                throw e;
            }
        }
    }

    /**
     * A GET for Test connection, which must answer within seconds: no retries, except one after a short
     * {@code Retry-After}, since being throttled says nothing about whether the settings are right.
     */
    JsonNode getOnce(URI uri, Map<String, String> headers, String correlationId) {
        HttpResponse<String> response = send(uri, headers, correlationId);
        if (response.statusCode() == 429) {
            Optional<Duration> wait = retryAfter(response);
            if (wait.isPresent() && wait.get().compareTo(MAX_CHECK_WAIT) <= 0) {
                sleep(wait.get());
                response = send(uri, headers, correlationId);
            }
        }
        return body(uri, response);
    }

    private HttpResponse<String> send(URI uri, Map<String, String> headers, String correlationId) {
        var request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", "Patchbay")
                .header("X-Correlation-Id", correlationId);
        headers.forEach(request::header);
        try {
            return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "Could not connect to " + hostOf(uri) + " within " + CONNECT_TIMEOUT.toSeconds() + " seconds.",
                    "Check that the base URL is right and that " + systemName + " is reachable from Patchbay.",
                    e);
        } catch (HttpTimeoutException e) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    systemName + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " seconds.",
                    "Try again in a few minutes; if it keeps happening, check " + systemName + "'s status page.",
                    e);
        } catch (ConnectException e) {
            if (unresolved(e)) {
                throw unknownHost(uri, e);
            }
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "Could not connect to " + hostOf(uri) + ": the host is unreachable or refused the connection.",
                    "Check the base URL (host and port) and that " + systemName + " is up, then test again.",
                    e);
        } catch (UnknownHostException e) {
            throw unknownHost(uri, e);
        } catch (SSLException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The secure connection to " + hostOf(uri) + " failed (TLS).",
                    "Check that the base URL uses the right scheme and host; the certificate must be valid.",
                    e);
        } catch (IOException e) {
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "The connection to " + hostOf(uri) + " broke off.",
                    "Try again; if it keeps happening, check that " + systemName + " is healthy.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorClass.TRANSIENT, "The request was interrupted.", "Try again.", e);
        }
    }

    private JsonNode body(URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ConnectorException(
                    ErrorClass.AUTH,
                    "The API key was rejected.",
                    "Copy the API key again from " + systemName
                            + " (on the Sandbox systems page for the sandbox; in a real system under Settings → API keys) and paste it in.");
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
        String body = response.body();
        if (body.length() > MAX_BODY_CHARS) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    systemName + " sent a response larger than Patchbay accepts.",
                    "Ask for smaller pages or contact support.");
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    systemName + " answered, but not with JSON.",
                    "Check that the base URL points at the API and not at a web page.");
        }
    }

    /** The JDK client reports an unknown host as a ConnectException caused by an unresolved address. */
    private static boolean unresolved(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException
                    || cause instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
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

    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
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
                .map(wait -> wait.isNegative()
                        ? Duration.ZERO
                        : wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration wait, ReadContext context) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < until && !context.cancelled()) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
