package io.patchbay.catalog.internal.manifest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Orders cursor values as what they are: instants as instants, numbers as numbers, the rest as text. */
final class CursorOrder {

    private CursorOrder() {}

    static int compare(String a, String b) {
        try {
            return OffsetDateTime.parse(a)
                    .toInstant()
                    .compareTo(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException notInstants) {
            try {
                return new BigDecimal(a).compareTo(new BigDecimal(b));
            } catch (NumberFormatException notNumbers) {
                return a.compareTo(b);
            }
        }
    }
}
