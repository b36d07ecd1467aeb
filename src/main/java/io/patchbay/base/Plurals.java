package io.patchbay.base;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Counts in words, one way everywhere: "1 record", "0 records", "1,204 records". Every count a person reads goes
 * through here, so that a count always agrees with its noun.
 */
public final class Plurals {

    private Plurals() {}

    /** {@code count} with the noun that agrees with it: {@code count(1, "record", "records")} is "1 record". */
    public static String count(long count, String one, String many) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(count) + " " + noun(count, one, many);
    }

    /** The noun that agrees with {@code count}, without the number: "record" for 1, "records" otherwise. */
    public static String noun(long count, String one, String many) {
        return count == 1 ? one : many;
    }

    /** The verb that agrees with {@code count}: {@code verb(n, "waits", "wait")}. */
    public static String verb(long count, String one, String many) {
        return count == 1 ? one : many;
    }
}
