package io.patchbay.base;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Where a key is in a YAML document, so that a refusal can name the line a person has to change. The documents are
 * the small configuration files Patchbay reads (templates, exported connections): keys one per line, indented by
 * nesting, lists with "- ".
 */
public final class YamlLines {

    private YamlLines() {}

    /** The line a top-level key is on, from 1; 0 when it is not there. */
    public static int lineOf(String yaml, String key) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * The line of a dotted path of keys ({@code settings.apiUrl}, {@code stream.mapping}), from 1: each key searched
     * from the line of the one before; the line of the deepest key found, 0 when the first is not there.
     */
    public static int lineOfPath(String yaml, String path) {
        String[] lines = yaml.split("\n", -1);
        int from = 0;
        int found = 0;
        for (String key : path.split("\\.")) {
            int line = -1;
            for (int i = from; i < lines.length; i++) {
                if (isKey(lines[i], key)) {
                    line = i;
                    break;
                }
            }
            if (line < 0) {
                return found;
            }
            found = line + 1;
            from = line + 1;
        }
        return found;
    }

    /**
     * The line a parse failure concerns, from 1 (0 when the parser did not say). For a key the format does not have,
     * the key's own line: the YAML parser has read on to the next event by then, so the key is on the last line before
     * that names it.
     */
    public static int lineOf(JacksonException failure, String yaml) {
        TokenStreamLocation where = failure.getLocation();
        int line = where == null ? 0 : where.getLineNr();
        if (failure instanceof UnrecognizedPropertyException unknown) {
            return lineOfKeyBefore(yaml, unknown.getPropertyName(), line);
        }
        return line;
    }

    /** The last line up to {@code before} (from 1) that has {@code key} as a key; {@code before} when none has. */
    private static int lineOfKeyBefore(String yaml, String key, int before) {
        String[] lines = yaml.split("\n", -1);
        for (int i = Math.min(before, lines.length) - 1; i >= 0; i--) {
            if (isKey(lines[i], key)) {
                return i + 1;
            }
        }
        return before;
    }

    private static boolean isKey(String line, String key) {
        String stripped = line.strip();
        return stripped.startsWith(key + ":") || stripped.startsWith("- " + key + ":");
    }
}
