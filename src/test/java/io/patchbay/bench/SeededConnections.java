package io.patchbay.bench;

/**
 * Grows a hub's database to size by cloning what the hub itself made, in SQL: connections (each with its stored
 * health, a mix of healths) from one real connection, and runs (each with its log) from one real run. Every column
 * is copied as the hub wrote it ({@code jsonb_populate_record}), so that the pages read rows the hub could have
 * written. The triggers that tell pages of changes are off while seeding: nobody watches, and a million rows would
 * each notify. Nothing is analysed afterwards, as for every benchmark: the hub must not depend on fresh statistics.
 */
final class SeededConnections {

    private static final int RUNS_PER_STATEMENT = 100_000;

    private final BenchDatabase database;
    private final String connection;
    private final String run;

    /**
     * @param connection the real connection to clone connections from, and whose runs grow
     * @param run one of its real runs, with its log, to clone runs from
     */
    SeededConnections(BenchDatabase database, String connection, String run) {
        this.database = database;
        this.connection = connection;
        this.run = run;
    }

    /**
     * Adds connections numbered {@code from} to {@code to} in the connection's tenant: one in a hundred failing, three
     * degraded, two paused, the rest connected.
     */
    void connections(int from, int to) {
        quietly(() -> database.update("""
                with made as (
                    insert into connection
                    select (jsonb_populate_record(null::connection, to_jsonb(c) || jsonb_build_object(
                        'id', gen_random_uuid(), 'name', 'Seeded CRM ' || lpad(n::text, 6, '0'), 'version', 0))).*
                    from connection c, generate_series(?, ?) n
                    where c.id = ?::uuid
                    returning id, name
                ), health as (
                    select made.id, made.name, case
                        when abs(hashtext(made.name)) % 100 = 0 then 'failing'
                        when abs(hashtext(made.name)) % 100 < 4 then 'degraded'
                        when abs(hashtext(made.name)) % 100 < 6 then 'paused'
                        else 'connected' end as status
                    from made
                )
                insert into connection_health
                select (jsonb_populate_record(null::connection_health, to_jsonb(h) || jsonb_build_object(
                    'connection_id', health.id, 'name', health.name, 'status', health.status,
                    'severity', case health.status
                        when 'failing' then 0 when 'degraded' then 1 when 'paused' then 3 else 4 end,
                    'reason', case health.status
                        when 'failing' then 'The last sync failed: The API key was rejected.'
                        when 'degraded' then '1 of the last 5 syncs failed; the newest succeeded.'
                        when 'paused' then 'Paused: nothing runs on schedule.'
                        else 'The last sync succeeded.' end,
                    'error_class', case health.status when 'failing' then 'AUTH' end))).*
                from health, connection_health h
                where h.connection_id = ?::uuid
                """, from, to, connection, connection));
    }

    /** Adds runs to the connection, older than the ones it has, until it has {@code total}, each with the run's log. */
    void runsUpTo(int total) {
        quietly(() -> {
            int have = count("select count(*) from sync_run where connection_id = ?::uuid", connection);
            for (int from = have; from < total; from += RUNS_PER_STATEMENT) {
                int to = Math.min(total, from + RUNS_PER_STATEMENT) - 1;
                database.update("""
                        with made as (
                            insert into sync_run
                            select (jsonb_populate_record(null::sync_run, to_jsonb(r) || jsonb_build_object(
                                'id', gen_random_uuid(),
                                'correlation_id', 'run-seed' || n,
                                'trigger', 'schedule',
                                'queued_at', r.queued_at - n * interval '1 minute',
                                'started_at', r.started_at - n * interval '1 minute',
                                'finished_at', r.finished_at - n * interval '1 minute'))).*
                            from sync_run r, generate_series(?, ?) n
                            where r.id = ?::uuid
                            returning id, started_at
                        )
                        insert into run_event (tenant_id, run_id, at, kind, summary, method, url, status,
                            duration_millis, bytes, failure, records_read, records_written, records_quarantined,
                            checkpoint)
                        select e.tenant_id, made.id, made.started_at, e.kind, e.summary, e.method, e.url, e.status,
                            e.duration_millis, e.bytes, e.failure, e.records_read, e.records_written,
                            e.records_quarantined, e.checkpoint
                        from made, run_event e
                        where e.run_id = ?::uuid
                        """, from, to, run, run);
            }
        });
    }

    private int count(String sql, String parameter) {
        int[] counted = new int[1];
        database.query(sql, rs -> counted[0] = rs.getInt(1), parameter);
        return counted[0];
    }

    private void quietly(Runnable seeding) {
        database.execute("alter table sync_run disable trigger sync_run_activity");
        database.execute("alter table connection_health disable trigger connection_health_activity");
        try {
            seeding.run();
        } finally {
            database.execute("alter table sync_run enable trigger sync_run_activity");
            database.execute("alter table connection_health enable trigger connection_health_activity");
        }
    }
}
