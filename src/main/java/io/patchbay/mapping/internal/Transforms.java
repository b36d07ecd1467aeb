package io.patchbay.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.schibsted.spt.data.jslt.Function;
import com.schibsted.spt.data.jslt.JsltException;
import io.patchbay.mapping.TransformHelp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The transforms mappings may call beside JSLT's own functions: dates and time zones, email and phone normalisation,
 * value maps and name splitting. Each leaves a value it cannot make sense of as it is (or null where it says so), so
 * the schema check after the mapping, not the transform, decides what is invalid.
 */
public final class Transforms {

    private static final List<Transform> ALL = List.of(
            new NormalizeEmail(),
            new NormalizePhone(),
            new ToUtc(),
            new MapValue(),
            new NamePart("first-name", true),
            new NamePart("last-name", false));

    private Transforms() {}

    public static List<Function> functions() {
        return List.copyOf(ALL);
    }

    public static List<TransformHelp> help() {
        return ALL.stream()
                .map(t -> new TransformHelp(t.getName(), t.usage(), t.description()))
                .toList();
    }

    /** {@code normalize-email(.email)}: trimmed and lower-cased. */
    static final class NormalizeEmail extends Transform {
        NormalizeEmail() {
            super(
                    "normalize-email",
                    1,
                    1,
                    "normalize-email(.email)",
                    "The address trimmed and in lower case, so that one person is one address.");
        }

        @Override
        JsonNode apply(JsonNode value, JsonNode[] arguments) {
            return text(value.asText().trim().toLowerCase(Locale.ROOT));
        }
    }

    /** {@code normalize-phone(.phone, "GB")}: E.164, reading numbers without a country code as the region's. */
    static final class NormalizePhone extends Transform {
        private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

        NormalizePhone() {
            super(
                    "normalize-phone",
                    1,
                    2,
                    "normalize-phone(.phone, \"GB\")",
                    "The number in international form (+442071838750). Numbers without a country code are read as the "
                            + "given region's (two letters); a number that cannot be read is left as it is.");
        }

        @Override
        JsonNode apply(JsonNode value, JsonNode[] arguments) {
            String text = value.asText().trim();
            String region = optionalText(arguments, 1);
            try {
                Phonenumber.PhoneNumber number =
                        PHONES.parse(text, region == null ? null : region.toUpperCase(Locale.ROOT));
                if (!PHONES.isPossibleNumber(number)) {
                    return text(text);
                }
                return text(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
            } catch (NumberParseException e) {
                return text(text);
            }
        }
    }

    /**
     * {@code to-utc(.starts_at, "Europe/Paris")}: an ISO date-time as a UTC instant. A date-time with an offset keeps
     * its moment; one without is read in the given zone (UTC when none is given); a plain date is midnight there;
     * a number is seconds since 1970.
     */
    static final class ToUtc extends Transform {
        ToUtc() {
            super(
                    "to-utc",
                    1,
                    2,
                    "to-utc(.starts_at, \"Europe/Paris\")",
                    "An ISO date and time as a UTC instant (2026-03-01T09:00:00Z). Times without an offset are read in "
                            + "the given time zone (UTC if none); numbers are seconds since 1970. Text that is not a "
                            + "date is left as it is.");
        }

        @Override
        JsonNode apply(JsonNode value, JsonNode[] arguments) {
            String zoneName = optionalText(arguments, 1);
            ZoneId zone;
            try {
                zone = zoneName == null ? ZoneOffset.UTC : ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                throw new JsltException("to-utc: there is no time zone \"" + zoneName + "\"");
            }
            if (value.isNumber()) {
                return text(Instant.ofEpochSecond(value.asLong()).toString());
            }
            String text = value.asText().trim();
            try {
                return text(OffsetDateTime.parse(text).toInstant().toString());
            } catch (DateTimeParseException notWithOffset) {
                try {
                    return text(
                            LocalDateTime.parse(text).atZone(zone).toInstant().toString());
                } catch (DateTimeParseException notLocal) {
                    try {
                        return text(LocalDate.parse(text)
                                .atStartOfDay(zone)
                                .toInstant()
                                .toString());
                    } catch (DateTimeParseException notADate) {
                        return text(text);
                    }
                }
            }
        }
    }

    /** {@code map-value(.status, {"A": "active"}, "unknown")}: the value the map gives, else the default, else null. */
    static final class MapValue extends Transform {
        MapValue() {
            super(
                    "map-value",
                    2,
                    3,
                    "map-value(.status, {\"A\": \"active\", \"I\": \"inactive\"}, \"unknown\")",
                    "Looks the value up in the map: its entry, else the default if one is given, else null.");
        }

        @Override
        JsonNode apply(JsonNode value, JsonNode[] arguments) {
            if (!arguments[1].isObject()) {
                throw new JsltException("map-value: the second argument must be an object of values");
            }
            JsonNode mapped = arguments[1].get(value.asText());
            if (mapped != null) {
                return mapped;
            }
            return arguments.length > 2 && arguments[2] != null ? arguments[2] : Jackson2.NODES.nullNode();
        }
    }

    /**
     * {@code first-name(.name)} and {@code last-name(.name)}: "Ada King Lovelace" is Ada King and Lovelace; "Lovelace,
     * Ada" is Ada and Lovelace; one word is a first name only.
     */
    static final class NamePart extends Transform {
        private final boolean first;

        NamePart(String name, boolean first) {
            super(
                    name,
                    1,
                    1,
                    name + "(.full_name)",
                    first
                            ? "The given names of a full name: all words but the last, or what follows the comma in "
                                    + "\"Lovelace, Ada\"."
                            : "The family name of a full name: the last word, or what precedes the comma in "
                                    + "\"Lovelace, Ada\"; null for a single word.");
            this.first = first;
        }

        @Override
        JsonNode apply(JsonNode value, JsonNode[] arguments) {
            String full = value.asText().trim().replaceAll("\\s+", " ");
            String given;
            String family;
            int comma = full.indexOf(',');
            if (comma >= 0) {
                family = full.substring(0, comma).trim();
                given = full.substring(comma + 1).trim();
            } else {
                int space = full.lastIndexOf(' ');
                given = space < 0 ? full : full.substring(0, space);
                family = space < 0 ? "" : full.substring(space + 1);
            }
            String part = first ? given : family;
            return text(part.isEmpty() ? null : part);
        }
    }
}
