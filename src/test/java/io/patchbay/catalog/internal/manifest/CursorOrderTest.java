package io.patchbay.catalog.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CursorOrderTest {

    @Test
    void utcTimestampsWrittenAlikeOrderByTheirInstant() {
        assertThat(CursorOrder.compare("2026-01-31T12:00:00.100Z", "2026-01-31T12:00:00.099Z"))
                .isPositive();
        assertThat(CursorOrder.compare("2026-01-31T12:00:00Z", "2026-02-01T00:00:00Z"))
                .isNegative();
        assertThat(CursorOrder.compare("2026-01-31T12:00:00Z", "2026-01-31T12:00:00Z"))
                .isZero();
    }

    @Test
    void timestampsOfDifferentLayoutsOrOffsetsOrderByTheirInstant() {
        // fewer fraction digits, and an offset whose text orders the other way
        assertThat(CursorOrder.compare("2026-01-31T12:00:00.5Z", "2026-01-31T12:00:00.25Z"))
                .isPositive();
        assertThat(CursorOrder.compare("2026-01-31T10:00:00+02:00", "2026-01-31T09:00:00+00:00"))
                .isNegative();
        assertThat(CursorOrder.compare("2026-01-31T12:00:00Z", "2026-01-31T12:00:00+00:00"))
                .isZero();
    }

    @Test
    void numbersOrderAsNumbersAndTheRestAsText() {
        assertThat(CursorOrder.compare("10", "9")).isPositive();
        assertThat(CursorOrder.compare("-5", "-3")).isNegative();
        assertThat(CursorOrder.compare("b", "a")).isPositive();
    }
}
