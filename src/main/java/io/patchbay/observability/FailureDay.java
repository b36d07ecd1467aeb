package io.patchbay.observability;

import io.patchbay.catalog.spi.ErrorClass;
import java.time.LocalDate;

/** How many runs failed with one class of error on one day (UTC). */
public record FailureDay(LocalDate day, ErrorClass errorClass, int failures) {}
