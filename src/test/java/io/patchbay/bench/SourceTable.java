package io.patchbay.bench;

/**
 * A customer's own table for the PostgreSQL connector to read: {@link MadeUpContacts} in table {@value #TABLE} of
 * database {@value #DATABASE} on the same server as the hub, with the primary key and the {@code (updated_at, id)}
 * index a table read incrementally has, vacuumed and analysed as a live database would be.
 */
final class SourceTable {

    static final String DATABASE = "patchbay_bench_source";
    static final String TABLE = "contact";

    private SourceTable() {}

    static BenchDatabase create(BenchOptions options, int rows) {
        BenchDatabase database = BenchDatabase.fresh(options, DATABASE);
        database.execute("create table " + TABLE + " (id bigint primary key, first_name text not null,"
                + " last_name text not null, email text not null, company text, phone text,"
                + " created_at timestamptz not null, updated_at timestamptz not null)");
        database.update("insert into " + TABLE + " select * from (" + MadeUpContacts.ROWS + ") as contact", rows, rows);
        database.execute("create index " + TABLE + "_updated_idx on " + TABLE + " (updated_at, id)");
        database.execute("vacuum analyze " + TABLE);
        return database;
    }
}
