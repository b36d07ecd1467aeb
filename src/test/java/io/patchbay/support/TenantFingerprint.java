package io.patchbay.support;

import io.patchbay.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one tenant owns in the database, row by row: for every table of the {@code public} schema that has a {@code
 * tenant_id} column (read from {@code information_schema}, so a new table is counted without editing this), the
 * tenant's rows as JSON, ordered, and an md5 over them. Two fingerprints taken around something that must not write
 * are equal; when they are not, {@link #differences} says which rows came, went or changed.
 *
 * @param tables per table, the md5 and the rows it was taken over
 */
public record TenantFingerprint(Map<String, Table> tables) {

    public record Table(String md5, List<String> rows) {}

    /**
     * The tenant's rows now, without the columns in {@code changingByThemselves} (table name to column names): those
     * change with time alone, not because anyone wrote.
     */
    public static TenantFingerprint of(
            JdbcTemplate sql, TenantId tenant, Map<String, Set<String>> changingByThemselves) {
        Map<String, Table> tables = new TreeMap<>();
        for (String table : tenantOwnedTables(sql)) {
            String[] ignored =
                    changingByThemselves.getOrDefault(table, Set.of()).toArray(String[]::new);
            List<String> rows = sql.queryForList(
                    "select (to_jsonb(t) - ?::text[])::text as row from public.\"" + table + "\" t"
                            + " where t.tenant_id = ? order by 1",
                    String.class,
                    ignored,
                    tenant.value());
            tables.put(table, new Table(md5(String.join("\n", rows)), rows));
        }
        return new TenantFingerprint(tables);
    }

    /** The tables of the {@code public} schema with a {@code tenant_id} column, by name. */
    public static List<String> tenantOwnedTables(JdbcTemplate sql) {
        return sql.queryForList(
                "select table_name from information_schema.columns where table_schema = 'public'"
                        + " and column_name = 'tenant_id' order by table_name",
                String.class);
    }

    /** Per table whose md5 differs, the rows only before ({@code -}) and only after ({@code +}); empty if equal. */
    public List<String> differences(TenantFingerprint after) {
        List<String> differences = new ArrayList<>();
        Set<String> names = new TreeSet<>(tables.keySet());
        names.addAll(after.tables.keySet());
        for (String name : names) {
            Table was = tables.getOrDefault(name, new Table("", List.of()));
            Table is = after.tables.getOrDefault(name, new Table("", List.of()));
            if (was.md5.equals(is.md5)) {
                continue;
            }
            List<String> gone = new ArrayList<>(was.rows);
            gone.removeAll(is.rows);
            List<String> came = new ArrayList<>(is.rows);
            came.removeAll(was.rows);
            StringBuilder text = new StringBuilder(name + " (md5 " + was.md5 + " → " + is.md5 + "):");
            gone.stream().limit(5).forEach(row -> text.append("\n    - ").append(abbreviate(row)));
            came.stream().limit(5).forEach(row -> text.append("\n    + ").append(abbreviate(row)));
            if (gone.size() > 5 || came.size() > 5) {
                text.append("\n    … ")
                        .append(gone.size())
                        .append(" rows gone, ")
                        .append(came.size())
                        .append(" came");
            }
            differences.add(text.toString());
        }
        return differences;
    }

    public int rowCount() {
        return tables.values().stream().mapToInt(table -> table.rows.size()).sum();
    }

    private static String abbreviate(String row) {
        return row.length() > 400 ? row.substring(0, 400) + "…" : row;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
