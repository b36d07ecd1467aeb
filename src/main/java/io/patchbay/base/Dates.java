package io.patchbay.base;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A day as every screen, message and notice says it: "8 Mar 2027", in UTC. Times are {@code base.ui.Formats}. */
public final class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private Dates() {}

    /** The day of {@code instant} in UTC; "–" for none. */
    public static String day(@Nullable Instant instant) {
        return instant == null ? "–" : DAY.format(instant.atZone(ZoneOffset.UTC));
    }

    public static String day(@Nullable LocalDate day) {
        return day == null ? "–" : DAY.format(day);
    }
}
