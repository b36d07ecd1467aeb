package io.patchbay.observability;

import java.time.LocalDate;

/** One connection's finished runs and records on one day (UTC). */
public record RunDay(LocalDate day, int succeeded, int failed, long read, long written, long quarantined) {

    static RunDay empty(LocalDate day) {
        return new RunDay(day, 0, 0, 0, 0, 0);
    }
}
