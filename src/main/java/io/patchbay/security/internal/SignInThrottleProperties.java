package io.patchbay.security.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many failed sign-ins in a row pause signing in, per account (user name) and per client (address): after
 * {@code failures} failures, none further apart than {@code window}, signing in is paused for {@code pause}; each
 * further failure once a pause has ended doubles it, up to {@code longest-pause}. Failures are forgotten a
 * {@code window} after the last one, or after the pause it started.
 */
@ConfigurationProperties("patchbay.auth.sign-in-throttle")
record SignInThrottleProperties(Limit account, Limit client) {

    record Limit(int failures, Duration window, Duration pause, Duration longestPause) {

        Limit {
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be at least 1, not " + failures);
            }
            if (!positive(window) || !positive(pause) || longestPause.compareTo(pause) < 0) {
                throw new IllegalArgumentException(
                        "window and pause must be positive and longest-pause at least pause: " + this);
            }
        }

        private static boolean positive(Duration duration) {
            return !duration.isNegative() && !duration.isZero();
        }

        /** The pause the {@code n}th failure in a row starts, or null while {@code n} is under the limit. */
        @Nullable
        Duration pauseAfter(int n) {
            if (n < failures) {
                return null;
            }
            // doubling 20 times is past any sensible longest pause already, and cannot overflow a Duration
            Duration grown = pause.multipliedBy(1L << Math.min(n - failures, 20));
            return grown.compareTo(longestPause) > 0 ? longestPause : grown;
        }
    }
}
