package io.patchbay.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The sync benchmarks' baseline: the same records upserted into the same PostgreSQL with nothing but JDBC, in
 * batches of {@value #BATCH} (sent as multi-row statements), each batch one transaction as each page of a sync is.
 * What the database takes when nothing else is in the way; a sync's figure is read against it.
 */
final class BareUpsert {

    static final String TABLE = "bench_upsert";
    private static final int BATCH = 1_000;

    private final BenchDatabase database;

    BareUpsert(BenchDatabase database) {
        this.database = database;
    }

    /** An empty {@value #TABLE}, keyed by the source's id as identity links are. */
    BareUpsert createTable() {
        database.execute("drop table if exists " + TABLE);
        database.execute("create table " + TABLE + " (external_id text primary key, data jsonb not null)");
        return this;
    }

    /** Upserts the records and returns how long that took, from the first statement to the last commit. */
    Duration upsert(List<JsonRecord> records) {
        try (Connection connection = database.connect();
                PreparedStatement upsert = connection.prepareStatement("insert into " + TABLE
                        + " (external_id, data) values (?, ?::jsonb)"
                        + " on conflict (external_id) do update set data = excluded.data")) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            int pending = 0;
            for (JsonRecord record : records) {
                upsert.setString(1, record.externalId());
                upsert.setString(2, record.json());
                upsert.addBatch();
                if (++pending == BATCH) {
                    upsert.executeBatch();
                    connection.commit();
                    pending = 0;
                }
            }
            if (pending > 0) {
                upsert.executeBatch();
                connection.commit();
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (SQLException e) {
            throw new IllegalStateException("The bare upsert failed", e);
        }
    }

    int rows() {
        int[] rows = new int[1];
        database.query("select count(*) from " + TABLE, rs -> rows[0] = rs.getInt(1));
        return rows[0];
    }
}
