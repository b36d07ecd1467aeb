package io.patchbay.base.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How times and durations read on every screen. Times are shown in UTC and say so. */
public final class Formats {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMM HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Formats() {}

    public static String time(@Nullable Instant instant) {
        return instant == null ? "–" : TIME.format(instant);
    }

    /** "3 min ago", "in 12 min": for lists, where the exact time matters less than how recent it is. */
    public static String relative(@Nullable Instant instant) {
        if (instant == null) {
            return "–";
        }
        Duration delta = Duration.between(Instant.now(), instant);
        boolean future = !delta.isNegative();
        long seconds = Math.abs(delta.toSeconds());
        String amount = seconds < 60
                ? seconds + " s"
                : seconds < 3600
                        ? seconds / 60 + " min"
                        : seconds < 86_400 ? seconds / 3600 + " h" : seconds / 86_400 + " d";
        if (seconds < 5) {
            return future ? "now" : "just now";
        }
        return future ? "in " + amount : amount + " ago";
    }

    public static String duration(@Nullable Duration duration) {
        if (duration == null) {
            return "–";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ENGLISH, "%.1f s", millis / 1000.0);
        }
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
