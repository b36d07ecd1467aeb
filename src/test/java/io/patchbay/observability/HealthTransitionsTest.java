package io.patchbay.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every edge of the health state machine, and what it tells the admins. */
class HealthTransitionsTest {

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(nullValues = "NONE", textBlock = """
            # before,       after,          notice
            NONE,           CONNECTED,      nothing
            NONE,           NOT_YET_SYNCED, nothing
            NONE,           PAUSED,         nothing
            NONE,           DEGRADED,       ALERT
            NONE,           FAILING,        ALERT
            NOT_YET_SYNCED, CONNECTED,      nothing
            NOT_YET_SYNCED, PAUSED,         nothing
            NOT_YET_SYNCED, DEGRADED,       ALERT
            NOT_YET_SYNCED, FAILING,        ALERT
            CONNECTED,      NOT_YET_SYNCED, nothing
            CONNECTED,      PAUSED,         nothing
            CONNECTED,      DEGRADED,       ALERT
            CONNECTED,      FAILING,        ALERT
            PAUSED,         CONNECTED,      nothing
            PAUSED,         NOT_YET_SYNCED, nothing
            PAUSED,         DEGRADED,       ALERT
            PAUSED,         FAILING,        ALERT
            DEGRADED,       CONNECTED,      RECOVERY
            DEGRADED,       NOT_YET_SYNCED, nothing
            DEGRADED,       PAUSED,         nothing
            DEGRADED,       FAILING,        ALERT
            FAILING,        CONNECTED,      RECOVERY
            FAILING,        NOT_YET_SYNCED, nothing
            FAILING,        PAUSED,         nothing
            FAILING,        DEGRADED,       nothing
            """)
    void eachChangeOfHealthTellsTheAdminsWhatItShould(HealthStatus before, HealthStatus after, String notice) {
        assertThat(HealthTransitions.notice(before, after).map(Enum::name).orElse("nothing"))
                .isEqualTo(notice);
    }
}
