package io.patchbay.base;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks personal data in what people read: records (the values of fields whose name says personal data, and every
 * email address and phone number in any text) and free text (error messages, log lines). What stays is enough to tell
 * two records apart and to see the shape of a value: {@code ada.lovelace@acme.com} becomes {@code a•••@a•••.com},
 * {@code +44 7700 900123} becomes {@code •••23}. Masking is the default everywhere a record is shown; only an admin
 * of the tenant sees values, after asking (audited).
 */
public final class PersonalData {

    public static final String MASK = "•••";

    private static final Pattern EMAIL = Pattern.compile(
            "([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@([\\p{L}\\p{N}])[\\p{L}\\p{N}.-]*(\\.[\\p{L}]{2,})");
    /** Seven or more digits, with the separators phone numbers are written with; not a date, an id or a time. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w-])\\+?\\(?\\d[\\d ().-]{5,}\\d(?![\\w-])");
    /** {@code "field": "value"} inside text (a request body in a log line): group 1 up to the value, 2 the field, 3 the value. */
    private static final Pattern JSON_PAIR =
            Pattern.compile("(\"([^\"\\\\]{1,64})\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)\"");
    /** {@code field=value} in a query string or a log line: group 1 up to the value, 2 the field, 3 the value. */
    private static final Pattern QUERY_PAIR = Pattern.compile("((?<![\\w.-])([A-Za-z_][\\w.-]{0,63})=)([^&\\s;,\"]+)");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Field names that hold personal data whatever their value looks like. */
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "(?i).*(e-?mail|phone|mobile|fax|tel$|ssn|social_?security|iban|birth|address|passport|tax_?id).*");

    private PersonalData() {}

    /**
     * {@code text} with its personal data masked: text that is a JSON record is masked as the record is; elsewhere the
     * values of {@code "field": "value"} and {@code field=value} pairs whose name says personal data, and every email
     * address and phone number. A value whose name says what it is is masked even when it does not look like one (a
     * mistyped address, the reason it was quarantined).
     */
    public static String mask(String text) {
        String trimmed = text.strip();
        if ((trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            try {
                return JSON.writeValueAsString(mask(JSON.readTree(trimmed)));
            } catch (JacksonException notJson) {
                // text that only looks like JSON: masked as text
            }
        }
        String named = replace(JSON_PAIR, text, pair -> pair.group(1) + maskWhole(pair.group(3)) + "\"");
        named = replace(QUERY_PAIR, named, pair -> pair.group(1) + maskWhole(pair.group(3)));
        Matcher emails = EMAIL.matcher(named);
        String masked = emails.replaceAll(match ->
                Matcher.quoteReplacement(match.group(1) + MASK + "@" + match.group(2) + MASK + match.group(3)));
        return PHONE.matcher(masked).replaceAll(match -> {
            String digits = match.group().replaceAll("\\D", "");
            if (digits.length() < 7 || looksLikeADate(match.group())) {
                return Matcher.quoteReplacement(match.group());
            }
            return Matcher.quoteReplacement(MASK + digits.substring(digits.length() - 2));
        });
    }

    /** {@code value}, masked whole when {@code field}'s name says it is personal data, else as {@link #mask(String)}. */
    public static String mask(String field, String value) {
        return isSensitive(field) ? maskWhole(value) : mask(value);
    }

    /** A copy of {@code record} with personal data masked: values of sensitive fields whole, other text as in {@link #mask}. */
    public static JsonNode mask(JsonNode record) {
        return mask(record, false);
    }

    private static JsonNode mask(JsonNode node, boolean sensitive) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), mask(field.getValue(), sensitive || isSensitive(field.getKey())));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(mask(element, sensitive)));
            return copy;
        }
        if (node.isNull() || node.isMissingNode() || node.isBoolean()) {
            return node;
        }
        if (sensitive) {
            return JsonNodeFactory.instance.stringNode(maskWhole(node.asString()));
        }
        return node.isString() ? JsonNodeFactory.instance.stringNode(mask(node.asString())) : node;
    }

    /** A personal value: an address keeps its shape, anything else its last two characters. */
    private static String maskWhole(String value) {
        if (value.contains("@")) {
            String masked = mask(value);
            return masked.equals(value) ? value.charAt(0) + MASK : masked;
        }
        return value.length() <= 2 ? MASK : MASK + value.substring(value.length() - 2);
    }

    /** {@code text} with each match of {@code pattern} whose field (group 2) says personal data replaced. */
    private static String replace(
            Pattern pattern, String text, java.util.function.Function<java.util.regex.MatchResult, String> masked) {
        return pattern.matcher(text)
                .replaceAll(match ->
                        Matcher.quoteReplacement(isSensitive(match.group(2)) ? masked.apply(match) : match.group()));
    }

    /** Whether a field of this name holds personal data whatever its value looks like. */
    public static boolean isSensitive(String fieldName) {
        return SENSITIVE_NAME.matcher(fieldName.toLowerCase(Locale.ROOT)).matches();
    }

    private static boolean looksLikeADate(String text) {
        return text.matches("\\d{4}-\\d{2}-\\d{2}.*") || text.matches("\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");
    }
}
