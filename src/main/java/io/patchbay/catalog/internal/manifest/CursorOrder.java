package io.patchbay.catalog.internal.manifest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Orders cursor values as what they are: instants as instants, numbers as numbers, the rest as text. */
final class CursorOrder {

    private CursorOrder() {}

    static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (sameUtcShape(a, b)) {
            // two UTC timestamps written alike order as their text does; parsing both was most of a page's CPU
            return a.compareTo(b);
        }
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

    /**
     * Whether both are UTC timestamps ({@code ...Z}) of one layout: the same length, and the same character wherever
     * either has something other than a digit, so that every field has the same width in both.
     */
    private static boolean sameUtcShape(String a, String b) {
        if (a.length() != b.length()
                || a.length() < 20
                || a.charAt(a.length() - 1) != 'Z'
                || b.charAt(b.length() - 1) != 'Z'
                || a.charAt(4) != '-'
                || a.charAt(10) != 'T') {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            boolean xDigit = x >= '0' && x <= '9';
            boolean yDigit = y >= '0' && y <= '9';
            if (xDigit != yDigit || (!xDigit && x != y)) {
                return false;
            }
        }
        return true;
    }
}
