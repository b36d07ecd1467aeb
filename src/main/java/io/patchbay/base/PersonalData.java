package io.patchbay.base;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
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
    /** Field names that hold personal data whatever their value looks like. */
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "(?i).*(e-?mail|phone|mobile|fax|tel$|ssn|social_?security|iban|birth|address|passport|tax_?id).*");

    private PersonalData() {}

    /** {@code text} with every email address and phone number in it masked. */
    public static String mask(String text) {
        Matcher emails = EMAIL.matcher(text);
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
            String value = node.asString();
            if (value.contains("@")) {
                String masked = mask(value);
                return JsonNodeFactory.instance.stringNode(masked.equals(value) ? value.charAt(0) + MASK : masked);
            }
            return JsonNodeFactory.instance.stringNode(
                    value.length() <= 2 ? MASK : MASK + value.substring(value.length() - 2));
        }
        return node.isString() ? JsonNodeFactory.instance.stringNode(mask(node.asString())) : node;
    }

    /** Whether a field of this name holds personal data whatever its value looks like. */
    public static boolean isSensitive(String fieldName) {
        return SENSITIVE_NAME.matcher(fieldName.toLowerCase(Locale.ROOT)).matches();
    }

    private static boolean looksLikeADate(String text) {
        return text.matches("\\d{4}-\\d{2}-\\d{2}.*") || text.matches("\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");
    }
}
