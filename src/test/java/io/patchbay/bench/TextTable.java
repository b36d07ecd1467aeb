package io.patchbay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A plain-text table for a report: a header and rows, each column as wide as its widest cell, the first column
 * left-aligned and the figures right-aligned so their digits line up.
 */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    List<String> lines() {
        int[] widths = new int[header.size()];
        for (List<String> row : withHeader()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : withHeader()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String format = i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s";
                line.append(String.format(Locale.ROOT, format, row.get(i)));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private List<List<String>> withHeader() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** 12,345 */
    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** 1.23, 12,345.67 */
    static String decimal(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** Milliseconds to a tenth: 0.4, 1,234.5 */
    static String millis(double millis) {
        return String.format(Locale.ROOT, "%,.1f", millis);
    }

    /** The hub's figure as a share of the baseline's: 4.7 % */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** How many times the baseline's time the hub's took: 12.5x */
    static String times(double ratio) {
        return String.format(Locale.ROOT, "%,.1fx", ratio);
    }

    /** min / median */
    static String minMedian(Samples samples, DoubleFunction<String> format) {
        return samples.isEmpty() ? "-" : format.apply(samples.min()) + " / " + format.apply(samples.median());
    }
}
