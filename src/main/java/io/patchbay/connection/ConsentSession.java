package io.patchbay.connection;

import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConsentRequest;
import io.patchbay.catalog.spi.ErrorClass;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The consents one person started in their browser session, and the answers not shown to them yet. The UI keeps one
 * per session and never shares it: a provider's answer counts only when its {@code state} is one this session
 * started, for the user who started it, within {@link #PATIENCE}; the state then names the connection. Each state
 * counts once.
 */
public final class ConsentSession implements Serializable {

    /** How long a person may take at the provider. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    private static final int MAX_PENDING = 5;

    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final Map<UUID, Answer> answers = new HashMap<>();

    /** A consent started and not answered: the request, and for whom. */
    record Pending(UUID connection, String state, String codeVerifier, URI redirectUri, String user, Instant startedAt)
            implements Serializable {

        ConnectionId connectionId() {
            return new ConnectionId(connection);
        }

        ConsentRequest request() {
            return new ConsentRequest(state, codeVerifier, redirectUri);
        }

        @Override
        public String toString() {
            return "Pending[" + connection + "]";
        }
    }

    /** An outcome waiting to be shown: nothing for a success, the failure's words otherwise. */
    private record Answer(@Nullable ErrorClass errorClass, String message, String fix) implements Serializable {}

    synchronized void started(ConnectionId id, ConsentRequest request, String user) {
        pending.put(
                request.state(),
                new Pending(
                        id.value(),
                        request.state(),
                        request.codeVerifier(),
                        request.redirectUri(),
                        user,
                        Instant.now()));
        while (pending.size() > MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
    }

    /** The consent {@code state} names, if this session started it for {@code user} in time; it counts once. */
    synchronized Optional<Pending> take(@Nullable String state, String user) {
        Pending found = state == null ? null : pending.remove(state);
        if (found == null
                || !found.user().equals(user)
                || found.startedAt().plus(PATIENCE).isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** The connection of the consent this session started last, to tell of an answer that matches none. */
    synchronized Optional<ConnectionId> latest() {
        return pending.values().stream().reduce((first, second) -> second).map(Pending::connectionId);
    }

    /** Keeps an outcome for the connection's setup or page to show once. */
    synchronized ConsentOutcome answered(ConsentOutcome outcome) {
        if (outcome.connection() != null) {
            ConnectorError failure = outcome.failure();
            answers.put(
                    outcome.connection().value(),
                    failure == null
                            ? new Answer(null, "", "")
                            : new Answer(failure.errorClass(), failure.message(), failure.fix()));
        }
        return outcome;
    }

    /** Whether an answer for the connection waits to be shown. */
    public synchronized boolean hasAnswer(ConnectionId id) {
        return answers.containsKey(id.value());
    }

    /** The answer for the connection that waits to be shown, once. */
    public synchronized Optional<ConsentOutcome> takeAnswer(ConnectionId id) {
        return Optional.ofNullable(answers.remove(id.value()))
                .map(answer -> new ConsentOutcome(
                        id,
                        answer.errorClass() == null
                                ? null
                                : new ConnectorError(answer.errorClass(), answer.message(), answer.fix())));
    }

    @Override
    public synchronized String toString() {
        return "ConsentSession[" + pending.size() + " pending]";
    }
}
