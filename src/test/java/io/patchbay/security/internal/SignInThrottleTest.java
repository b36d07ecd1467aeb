package io.patchbay.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final SignInThrottleProperties.Limit account =
            new SignInThrottleProperties.Limit(5, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1));

    @Test
    void theFifthFailurePausesAndEachFurtherOneDoublesThePauseUpToTheLongest() {
        assertThat(account.pauseAfter(4)).isNull();
        assertThat(account.pauseAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(account.pauseAfter(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(account.pauseAfter(9)).isEqualTo(Duration.ofMinutes(16));
        assertThat(account.pauseAfter(11)).isEqualTo(Duration.ofHours(1));
        assertThat(account.pauseAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void limitsThatCouldNeverPauseAreRefusedAtStart() {
        assertThatThrownBy(() -> new SignInThrottleProperties.Limit(
                        0, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1)))
                .hasMessageContaining("failures");
        assertThatThrownBy(() -> new SignInThrottleProperties.Limit(
                        5, Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(1)))
                .hasMessageContaining("pause");
    }

    @Test
    void anIpv6ClientIsItsNetworkAndAnIpv4ClientItsAddress() {
        assertThat(SignInThrottle.client("2001:db8:1:7::beef")).isEqualTo("2001:db8:1:7:0:0:0:0/64");
        assertThat(SignInThrottle.client("2001:0db8:0001:0007:1:2:3:4")).isEqualTo("2001:db8:1:7:0:0:0:0/64");
        assertThat(SignInThrottle.client("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(SignInThrottle.client("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(SignInThrottle.client("not-an-address")).isEqualTo("not-an-address");
        assertThat(SignInThrottle.client("x".repeat(500))).hasSize(200);
    }
}
