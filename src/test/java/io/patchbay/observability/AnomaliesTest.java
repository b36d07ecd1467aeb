package io.patchbay.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.ConnectionId;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunStatus;
import io.patchbay.sync.RunTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rolling baselines: what leaves them, what stays normal, and what is too little to judge. */
class AnomaliesTest {

    @Test
    void aSyncThatReadsNothingAfterSteadyVolumesIsADropToZero() {
        var anomaly = Anomalies.find(newestFirst(0, 100, 98, 103, 101, 99, 100));
        assertThat(anomaly).hasValueSatisfying(found -> {
            assertThat(found.kind()).isEqualTo(Anomalies.Kind.VOLUME);
            assertThat(found.reason())
                    .isEqualTo("Record volume dropped to zero: the last sync read no records; the 6 before it read 98"
                            + " to 103 (100 on average).");
        });
    }

    @Test
    void aSpikeFarBeyondTheSpreadIsUnusualAndANormalWobbleIsNot() {
        assertThat(Anomalies.find(newestFirst(450, 100, 98, 103, 101, 99, 100)))
                .hasValueSatisfying(found -> assertThat(found.reason())
                        .startsWith("Record volume is unusual: the last sync read 450 records"));
        assertThat(Anomalies.find(newestFirst(60, 100, 98, 103, 101, 99, 100)))
                .as("far below")
                .isPresent();
        assertThat(Anomalies.find(newestFirst(104, 100, 98, 103, 101, 99, 100))).isEmpty();
        // a noisy source: the same change is within its spread
        assertThat(Anomalies.find(newestFirst(60, 100, 20, 180, 40, 160, 100))).isEmpty();
    }

    @Test
    void smallVolumesAndShortHistoriesAreNotJudged() {
        assertThat(Anomalies.find(newestFirst(0, 3, 4, 3, 5, 4, 3)))
                .as("a quiet incremental sync at night")
                .isEmpty();
        assertThat(Anomalies.find(newestFirst(0, 100, 100, 100, 100)))
                .as("four runs are no baseline")
                .isEmpty();
    }

    @Test
    void theBaselineRollsSoANewLevelThatLastsBecomesNormal() {
        List<Integer> reads = new ArrayList<>();
        IntStream.range(0, Anomalies.VOLUME_BASELINE).forEach(i -> reads.add(0, 100));
        int flagged = 0;
        for (int i = 0; i < 2 * Anomalies.VOLUME_BASELINE; i++) {
            reads.add(0, 400);
            if (Anomalies.find(newestFirst(
                            reads.stream().mapToInt(Integer::intValue).toArray()))
                    .isPresent()) {
                flagged++;
            }
        }
        assertThat(flagged).isPositive().isLessThan(Anomalies.VOLUME_BASELINE);
        assertThat(Anomalies.find(
                        newestFirst(reads.stream().mapToInt(Integer::intValue).toArray())))
                .isEmpty();
    }

    @Test
    void failuresRisingAboveTheirOwnRateAreAnAnomalyAndTheUsualFewAreNot() {
        // 4 of the newest 20 failed, none of the 80 before
        List<Run> rising = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            boolean failed = i < 20 && i % 5 == 1;
            rising.add(run(failed ? RunStatus.FAILED : RunStatus.SUCCEEDED, 10));
        }
        assertThat(Anomalies.find(rising)).hasValueSatisfying(found -> {
            assertThat(found.kind()).isEqualTo(Anomalies.Kind.FAILURE_RATE);
            assertThat(found.reason())
                    .isEqualTo("Failures rose: 4 of the last 20 syncs failed, against 0 of the 80 before them.");
        });

        // a connection that always fails now and then: 4 in 20 now, 16 in 80 before
        List<Run> usual = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            usual.add(run(i % 5 == 1 ? RunStatus.FAILED : RunStatus.SUCCEEDED, 10));
        }
        assertThat(Anomalies.find(usual)).isEmpty();
    }

    @Test
    void anAnomalyMakesAnOtherwiseConnectedConnectionDegradedWithItsReason() {
        var inputs = new HealthRules.Inputs(
                HealthRulesTest.connection(io.patchbay.connection.ConnectionState.ACTIVE),
                newestFirst(0, 100, 98, 103, 101, 99, 100),
                HealthRules.QuarantineState.NONE,
                null,
                null);
        Health health = HealthRules.health(inputs);
        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.reason()).startsWith("Record volume dropped to zero");
        assertThat(health.fix()).contains("Run now to check again");
    }

    private static List<Run> newestFirst(int... reads) {
        List<Run> runs = new ArrayList<>();
        for (int read : reads) {
            runs.add(run(RunStatus.SUCCEEDED, read));
        }
        return runs;
    }

    private static Run run(RunStatus status, int read) {
        Instant now = Instant.now();
        return new Run(
                new RunId(UUID.randomUUID()),
                new ConnectionId(UUID.randomUUID()),
                RunTrigger.SCHEDULE,
                status,
                "run-test",
                now,
                now,
                now,
                read,
                read,
                0,
                0,
                0,
                status == RunStatus.FAILED ? ErrorClass.TRANSIENT : null,
                status == RunStatus.FAILED ? "The CRM answered 503." : null,
                null);
    }
}
