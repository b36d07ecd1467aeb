package io.patchbay.validation;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One way to tell that a record from one connection is a core record already known, from another connection or an
 * earlier record: two records with the same key on this rule are the same. A template lists them in order; the
 * identity link (this connection's external id) always comes first.
 *
 * @param kind how the field's value becomes a key
 * @param field a top-level field of the mapped record
 */
public record MatchRule(Kind kind, String field) {

    public enum Kind {
        /** The field holds an email address, compared without case or surrounding spaces. */
        EMAIL("email"),
        /** The field holds a web address or an email address, compared by its domain without "www.". */
        DOMAIN("domain"),
        /** The field holds a key both systems share (a customer number), compared as it is, trimmed. */
        KEY("key");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word a template uses for it. */
        public String word() {
            return word;
        }

        public static @Nullable Kind of(String word) {
            for (Kind kind : values()) {
                if (kind.word.equals(word)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** How keys of this rule are stored and looked up, as {@code email:email}. */
    public String name() {
        return kind.word + ":" + field;
    }

    /** The rule as a person reads it: "the same email". */
    public String describe() {
        return switch (kind) {
            case EMAIL -> "the same " + field + " (ignoring case)";
            case DOMAIN -> "the same domain in " + field;
            case KEY -> "the same " + field;
        };
    }

    /** The record's key on this rule, normalised; null when the record has no usable value there. */
    public @Nullable String keyOf(JsonNode record) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        String text = value.isString() ? value.asString().strip() : value.toString();
        if (text.isEmpty()) {
            return null;
        }
        return switch (kind) {
            case EMAIL -> text.contains("@") ? text.toLowerCase(Locale.ROOT) : null;
            case DOMAIN -> domain(text);
            case KEY -> text;
        };
    }

    /** The host of a web address, or the part after "@" of an email address, lower case and without "www.". */
    static @Nullable String domain(String text) {
        String host;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            host = text.substring(at + 1);
        } else {
            try {
                host = URI.create(text.contains("://") ? text : "http://" + text)
                        .getHost();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (host == null || host.isBlank() || !host.contains(".")) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
