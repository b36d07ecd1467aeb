package io.patchbay.catalog.internal.push;

import io.patchbay.base.Plurals;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file whose layout nobody told us: detects the encoding (byte-order mark, else strict UTF-8, else
 * Windows-1252), the delimiter (the candidate that splits the first lines most consistently) and whether the first
 * row names the columns; then parses with Apache Commons CSV and reports each line it cannot use by its number.
 * Detection is written here: the libraries that guess encodings guess among dozens and are unreliable on small
 * files, while these three cases cover what spreadsheets export.
 */
final class CsvFiles {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final int SAMPLE_LINES = 20;
    private static final Pattern NUMBER_OR_DATE = Pattern.compile("[-+]?\\d[\\d.,:/ -]*");

    private CsvFiles() {}

    /** What the admin chose; null means "detect". */
    record Options(
            @Nullable Charset charset,
            @Nullable Character delimiter,
            @Nullable Boolean header) {}

    /** How the file was read, and whether each choice was detected or given. */
    record Layout(
            Charset charset,
            boolean charsetDetected,
            char delimiter,
            boolean delimiterDetected,
            boolean header,
            boolean headerDetected) {

        String describe() {
            return charset.displayName(Locale.ROOT) + (charsetDetected ? " (detected)" : "") + ", "
                    + delimiterName(delimiter) + "-separated" + (delimiterDetected ? " (detected)" : "") + ", "
                    + (header ? "first row names the columns" : "no header row, columns numbered")
                    + (headerDetected ? " (detected)" : "");
        }
    }

    /** A data row, at the line of the file where it starts. */
    record Row(int line, Map<String, String> values) {}

    record Parsed(Layout layout, List<String> columns, List<Row> rows, LineProblems problems) {}

    static Parsed parse(byte[] content, Options options) {
        Charset charset = options.charset() != null ? options.charset() : detectCharset(content);
        String text = new String(content, charset);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(text);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        var problems = new LineProblems();
        List<List<String>> raw = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int[] lineStarts = lineStarts(text);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            long previousEnd = 0;
            var iterator = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    record = iterator.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    problems.add(
                            previousEnd + 1,
                            "a quoted value is not closed or a quote stands inside a value; reading stopped here.");
                    break;
                }
                lines.add(lineAt(lineStarts, firstNonBlank(text, record.getCharacterPosition())));
                raw.add(record.toList());
                previousEnd = parser.getCurrentLineNumber();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean header = options.header() != null ? options.header() : !raw.isEmpty() && looksLikeHeader(raw.get(0));
        var layout = new Layout(
                charset,
                options.charset() == null,
                delimiter,
                options.delimiter() == null,
                header,
                options.header() == null);
        if (raw.isEmpty()) {
            return new Parsed(layout, List.of(), List.of(), problems);
        }
        List<String> columns =
                header ? columnNames(raw.get(0)) : numbered(raw.get(0).size());
        List<Row> rows = new ArrayList<>();
        for (int i = header ? 1 : 0; i < raw.size(); i++) {
            List<String> values = raw.get(i);
            int line = lines.get(i);
            if (values.size() != columns.size()) {
                problems.add(
                        line,
                        Plurals.count(values.size(), "value", "values") + ", but there are " + columns.size()
                                + " columns.");
                continue;
            }
            if (values.stream().anyMatch(v -> v.indexOf('\uFFFD') >= 0)) {
                problems.add(
                        line,
                        "characters that are not valid " + charset.displayName(Locale.ROOT)
                                + "; choose the file's encoding in the connection's details.");
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), values.get(c));
            }
            rows.add(new Row(line, row));
        }
        return new Parsed(layout, columns, rows, problems);
    }

    static Charset detectCharset(byte[] content) {
        if (startsWith(content, 0xEF, 0xBB, 0xBF)) return StandardCharsets.UTF_8;
        if (startsWith(content, 0xFF, 0xFE)) return StandardCharsets.UTF_16LE;
        if (startsWith(content, 0xFE, 0xFF)) return StandardCharsets.UTF_16BE;
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            // not UTF-8: what spreadsheets on Windows export, and a superset of ISO-8859-1's printable characters
            return Charset.forName("windows-1252");
        }
    }

    /** The candidate that splits the first lines into the same, largest number of parts. */
    static char detectDelimiter(String text) {
        List<String> sample =
                text.lines().filter(line -> !line.isBlank()).limit(SAMPLE_LINES).toList();
        char best = ',';
        int bestLines = 0;
        int bestCount = 0;
        for (char candidate : DELIMITERS) {
            Map<Integer, Integer> linesByCount = new LinkedHashMap<>();
            for (String line : sample) {
                int count = countOutsideQuotes(line, candidate);
                if (count > 0) {
                    linesByCount.merge(count, 1, Integer::sum);
                }
            }
            for (var entry : linesByCount.entrySet()) {
                boolean better =
                        entry.getValue() > bestLines || (entry.getValue() == bestLines && entry.getKey() > bestCount);
                if (better) {
                    best = candidate;
                    bestLines = entry.getValue();
                    bestCount = entry.getKey();
                }
            }
        }
        return best;
    }

    /** A first row of distinct, non-blank names, none of them a number or date, is a header. */
    static boolean looksLikeHeader(List<String> first) {
        Set<String> seen = new HashSet<>();
        for (String cell : first) {
            if (cell.isBlank() || NUMBER_OR_DATE.matcher(cell).matches() || !seen.add(cell.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    static String delimiterName(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "tab";
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '|' -> "pipe";
            default -> "'" + delimiter + "'";
        };
    }

    private static List<String> columnNames(List<String> header) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            names.add(header.get(i).isBlank() ? "column_" + (i + 1) : header.get(i));
        }
        return names;
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("column_" + i);
        }
        return names;
    }

    /** Where each line of {@code text} starts, for turning a record's character position into its line. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A record's position includes the blank lines skipped before it; its line is where its text starts. */
    private static long firstNonBlank(String text, long position) {
        int at = (int) position;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The 1-based line holding character {@code position}. */
    private static int lineAt(int[] lineStarts, long position) {
        int found = java.util.Arrays.binarySearch(lineStarts, (int) position);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
