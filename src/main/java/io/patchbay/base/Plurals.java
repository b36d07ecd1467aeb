package io.patchbay.base;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Counts in words, one way everywhere: "1 record", "0 records", "1,204 records". Every count a person reads goes
 * through here, so that a count always agrees with its noun.
 */
public final class Plurals {

    private Plurals() {}

    /** {@code count} with the words that agree with it: {@code count(1, "record", "records")} is "1 record". */
    public static String count(long count, String one, String many) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(count) + " " + agreeing(count, one, many);
    }

    /** The words that agree with {@code count}, without the number: {@code agreeing(n, "was", "were")}. */
    public static String agreeing(long count, String one, String many) {
        return count == 1 ? one : many;
    }
}
