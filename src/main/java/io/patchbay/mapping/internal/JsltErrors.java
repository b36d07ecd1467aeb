package io.patchbay.mapping.internal;

import com.schibsted.spt.data.jslt.JsltException;
import io.patchbay.mapping.InvalidMappingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSLT's compile errors in plain words, at the place the parser stopped: "Line 3, column 14: a ':' is missing between
 * the field's name and its value, before '.'", not the parser generator's "Encountered … Was expecting one of …".
 */
public final class JsltErrors {

    private static final Pattern AT = Pattern.compile("at line (\\d+), column (\\d+)");
    /** JavaCC's {@code Encountered " <kind> "<image> "" at line}: the token found, as its kind and its text. */
    private static final Pattern FOUND = Pattern.compile("Encountered \" (.+?) \"(.*?) \"\" at line");

    private static final Pattern EXPECTED = Pattern.compile("^\\s+\"(.+?)\" \\.\\.\\.$", Pattern.MULTILINE);
    private static final Pattern UNCLOSED = Pattern.compile("Lexical error .*after : \"\\\\\"(.*)\"", Pattern.DOTALL);

    private JsltErrors() {}

    public static InvalidMappingException plain(JsltException e) {
        String message = e.getMessageWithoutLocation();
        int line = e.getLine();
        int column = e.getColumn();
        Matcher at = AT.matcher(message);
        if (at.find()) {
            line = Integer.parseInt(at.group(1));
            column = Integer.parseInt(at.group(2));
        }
        return new InvalidMappingException(line, column, reason(message));
    }

    private static String reason(String message) {
        Matcher unclosed = UNCLOSED.matcher(message);
        if (unclosed.find()) {
            return "A quote is not closed: the text that starts with \""
                    + shorten(unclosed.group(1).replace("\\\"", "\"")) + "\" has no closing \".";
        }
        if (message.contains("Lexical error")) {
            return "This character cannot be part of a mapping here: check for a stray character or a missing quote.";
        }
        if (!message.contains("Encountered")) {
            return message; // JSLT's own words: a function that does not exist, a variable never defined
        }
        List<String> expected = new ArrayList<>();
        Matcher each = EXPECTED.matcher(message);
        while (each.find()) {
            expected.add(each.group(1));
        }
        if (message.contains("\"<EOF>\"")) {
            String missing = expected.contains("}")
                    ? "a closing } is missing"
                    : expected.contains("]")
                            ? "a closing ] is missing"
                            : expected.contains(")") ? "a closing ) is missing" : "something is missing at its end";
            return "The mapping ends before it is finished: " + missing + ".";
        }
        Matcher found = FOUND.matcher(message);
        String shown = found.find() ? shown(found.group(1), found.group(2)) : "this";
        if (expected.contains(":") && !expected.contains(",")) {
            return "A ':' is missing between the field's name and its value, before " + shown + ".";
        }
        if (expected.contains(",") && (shown.startsWith("\"") || Character.isLetter(shown.charAt(1)))) {
            return "A ',' is missing before " + shown + ": every field but the last ends with a comma.";
        }
        return "Unexpected " + shown + " here: check for a missing comma, colon, quote or bracket just before it.";
    }

    /** The token as the person typed it: a string in double quotes, anything else in single ones. */
    private static String shown(String kind, String image) {
        String text = image.replace("\\\"", "\"").replace("\\\\", "\\").strip();
        return kind.equals("<STRING>") ? shorten(text) : "'" + shorten(text) + "'";
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
