package io.patchbay.observability;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The health state machine's edges: which change of a connection's health tells its admins, and how. The states are
 * {@link HealthStatus}; what puts a connection in one is {@link HealthRules}, judged again whenever a run ends or a
 * person changes the connection ({@link HealthEvaluator}, which records each change as a transition with its cause).
 *
 * <table>
 *   <caption>What a change of health tells the admins</caption>
 *   <tr><th>from</th><th>to</th><th>notice</th></tr>
 *   <tr><td>anything not worse (Connected, Not yet synced, Paused, none)</td><td>Degraded or Failing</td>
 *       <td>an alert: it turned bad</td></tr>
 *   <tr><td>Degraded</td><td>Failing</td><td>an alert: it got worse, syncing has stopped</td></tr>
 *   <tr><td>Failing</td><td>Degraded</td><td>none: better, not yet well (the next sync judges it)</td></tr>
 *   <tr><td>Degraded or Failing</td><td>Connected</td><td>a recovery notice</td></tr>
 *   <tr><td>Degraded or Failing</td><td>Paused or Not yet synced</td><td>none: a person paused or reset it</td></tr>
 *   <tr><td>anything else</td><td>anything</td><td>none</td></tr>
 * </table>
 */
final class HealthTransitions {

    private HealthTransitions() {}

    /** The notice a change from {@code before} (null: no health stored yet) to {@code after} sends, if any. */
    static Optional<Notice.Kind> notice(@Nullable HealthStatus before, HealthStatus after) {
        if (severity(after) > (before == null ? 0 : severity(before))) {
            return Optional.of(Notice.Kind.ALERT);
        }
        if (after == HealthStatus.CONNECTED && before != null && severity(before) > 0) {
            return Optional.of(Notice.Kind.RECOVERY);
        }
        return Optional.empty();
    }

    /** How bad a state is: nothing wrong (0), something to look at (1), syncing has stopped (2). */
    static int severity(HealthStatus status) {
        return switch (status) {
            case FAILING -> 2;
            case DEGRADED -> 1;
            case CONNECTED, NOT_YET_SYNCED, PAUSED -> 0;
        };
    }
}
