package io.patchbay.base.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How times and durations read on every screen, one format each: a time with its year and zone ("8 Mar 2027,
 * 14:05:09 UTC"), a date being picked as ISO ("2027-03-08", the one numeric form nobody reads two ways); a day is
 * {@link io.patchbay.base.Dates#day}. Times are shown in UTC and say so.
 */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Formats() {}

    public static String time(@Nullable Instant instant) {
        return instant == null ? "–" : TIME.format(instant);
    }

    /** A date picker that shows and reads dates as ISO days, whatever the browser's locale. */
    public static DatePicker isoDates(DatePicker picker) {
        picker.setI18n(new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd"));
        return picker;
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
