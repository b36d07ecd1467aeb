package io.patchbay.support.hub;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the hub's database says happened, read with plain JDBC and nothing of the hub's: the core store ({@code
 * core_record}, {@code identity_link}), what was staged ({@code inbound_message}, {@code inbound_record}) and the
 * runs ({@code sync_run}).
 */
public final class Ledger {

    private final HubDatabase database;

    public Ledger(HubDatabase database) {
        this.database = database;
    }

    /** A record in the core store, reached through its connection's identity link. */
    public record Applied(String externalId, String data, int version) {}

    /** A message as staged: the records it says it carries and the records staged with it. */
    public record Staged(String messageId, int recordCount, int stagedRecords) {}

    /** A run as {@code sync_run} has it; {@code startedAt} and {@code finishedAt} are null until it gets there. */
    public record RunRow(
            String id,
            String connectionId,
            String trigger,
            String status,
            int attempts,
            int recordsRead,
            String leaseOwner,
            String errorMessage,
            Instant queuedAt,
            Instant startedAt,
            Instant finishedAt) {

        public boolean unfinished() {
            return status.equals("queued") || status.equals("running");
        }

        /** From its (last) start to its end, as the database's clock saw them: how long the work itself took. */
        public Duration executed() {
            return Duration.between(requireNonNull(startedAt, "started"), requireNonNull(finishedAt, "finished"));
        }

        /** From being queued to its end: how long someone who pressed "Run now" waited. */
        public Duration waited() {
            return Duration.between(queuedAt, requireNonNull(finishedAt, "finished"));
        }

        private Instant requireNonNull(Instant instant, String what) {
            if (instant == null) {
                throw new IllegalStateException("Run " + this + " has not " + what);
            }
            return instant;
        }

        @Override
        public String toString() {
            return id.substring(0, 8) + " " + trigger + " " + status + " attempts=" + attempts + " read="
                    + recordsRead + (leaseOwner == null ? "" : " lease=" + leaseOwner)
                    + (errorMessage == null ? "" : " error=" + errorMessage);
        }
    }

    /** Every core record linked to these connections, by external id. */
    public Map<String, Applied> applied(Collection<String> connectionIds) {
        List<Applied> rows =
                query("""
                select l.external_id, r.data::text, r.version
                from identity_link l join core_record r on r.core_id = l.core_id
                where l.connection_id = any(?)
                """, connectionIds, rs -> new Applied(rs.getString(1), rs.getString(2), rs.getInt(3)));
        Map<String, Applied> byExternalId = new HashMap<>();
        rows.forEach(row -> byExternalId.put(row.externalId(), row));
        return byExternalId;
    }

    /** The external ids the connection's identity links hold: what it has applied, one each. */
    public Set<String> linkedExternalIds(String connectionId) {
        return new HashSet<>(query(
                "select external_id from identity_link where connection_id = any(?)",
                List.of(connectionId),
                rs -> rs.getString(1)));
    }

    public int appliedCount(Collection<String> connectionIds) {
        return count("select count(*) from identity_link where connection_id = any(?)", connectionIds);
    }

    /** Records of these connections waiting in quarantine. */
    public int quarantinedCount(Collection<String> connectionIds) {
        return count(
                "select count(*) from quarantined_record where connection_id = any(?) and status = 'quarantined'",
                connectionIds);
    }

    /** Core records of the tenant's entity that no identity link reaches: a record written twice, or half. */
    public int unlinkedCoreRecords(String tenantId, String entity) {
        return single("""
                select count(*) from core_record r
                where r.tenant_id = ?::uuid and r.entity = ?
                  and not exists (select 1 from identity_link l where l.core_id = r.core_id)
                """, tenantId, entity);
    }

    public int coreRecords(String tenantId, String entity) {
        return single("select count(*) from core_record where tenant_id = ?::uuid and entity = ?", tenantId, entity);
    }

    /** Every message staged for these connections, by message id. */
    public Map<String, Staged> staged(Collection<String> connectionIds) {
        List<Staged> rows = query("""
                select m.message_id, m.record_count, count(r.position)
                from inbound_message m
                left join inbound_record r on r.connection_id = m.connection_id and r.message_id = m.message_id
                where m.connection_id = any(?)
                group by m.connection_id, m.message_id, m.record_count
                """, connectionIds, rs -> new Staged(rs.getString(1), rs.getInt(2), rs.getInt(3)));
        Map<String, Staged> byMessageId = new HashMap<>();
        rows.forEach(row -> byMessageId.put(row.messageId(), row));
        return byMessageId;
    }

    public List<RunRow> runs(Collection<String> connectionIds) {
        return query(
                "select " + RUN_COLUMNS + " from sync_run where connection_id = any(?) order by queued_at",
                connectionIds,
                Ledger::run);
    }

    public Optional<RunRow> run(String runId) {
        return query("select " + RUN_COLUMNS + " from sync_run where id = any(?)", List.of(runId), Ledger::run).stream()
                .findFirst();
    }

    /**
     * Polls a run until it satisfies {@code condition} or {@code timeout} passes; returns it as it then is, for the
     * caller to assert on.
     */
    public RunRow awaitRun(String runId, Predicate<RunRow> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        RunRow row = run(runId).orElseThrow();
        while (!condition.test(row) && Instant.now().isBefore(deadline)) {
            HubProcess.pause(Duration.ofMillis(100));
            row = run(runId).orElseThrow();
        }
        return row;
    }

    /** Runs of any connection still queued or running. */
    public List<RunRow> unfinishedRuns() {
        try (Connection connection = database.connect();
                ResultSet rs = connection
                        .createStatement()
                        .executeQuery("select " + RUN_COLUMNS
                                + " from sync_run where status in ('queued', 'running') order by queued_at")) {
            List<RunRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(run(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The runs of these connections that a node (by pid) holds: running, under its lease. */
    public List<RunRow> runningOn(Collection<String> connectionIds, long pid) {
        return query(
                "select " + RUN_COLUMNS + " from sync_run where connection_id = any(?) and status = 'running'"
                        + " and lease_owner like '" + pid + "@%'",
                connectionIds,
                Ledger::run);
    }

    private boolean idle(Collection<String> connectionIds) {
        return count(
                        "select count(*) from sync_run where connection_id = any(?) and status in ('queued', 'running')",
                        connectionIds)
                == 0;
    }

    /** One alert delivery as the outbox holds it. */
    public record AlertRow(long id, String state, int attempts, String lastOutcome) {}

    /** Every alert delivery, oldest first. */
    public List<AlertRow> alertDeliveries() {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "select id, state, attempts, coalesce(last_outcome, '') from alert_delivery order by id");
                ResultSet rs = statement.executeQuery()) {
            List<AlertRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new AlertRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int sandboxContacts() {
        return single("select count(*) from sandbox_crm_contact");
    }

    /**
     * Sandbox CRM contacts and the connection's core records that do not match one to one: a contact with no record
     * or a different one, or a record with no contact. Zero when the core store equals the source.
     */
    public int contactsDifferingFromSource(String connectionId) {
        return single("""
                with synced as (
                    select l.external_id, r.data from identity_link l join core_record r on r.core_id = l.core_id
                    where l.connection_id = ?::uuid and l.entity = 'contact')
                select count(*) from sandbox_crm_contact s full join synced c on c.external_id = s.id::text
                where s.id is null or c.external_id is null
                   or c.data ->> 'firstName' is distinct from s.first_name
                   or c.data ->> 'lastName' is distinct from s.last_name
                   or c.data ->> 'email' is distinct from s.email
                   or c.data ->> 'company' is distinct from s.company
                   or c.data ->> 'phone' is distinct from s.phone
                """, connectionId);
    }

    /**
     * Waits until the core store holds {@code expected} records of these connections and no run of theirs is queued
     * or running, or until nothing has moved for a while with no run left to move it (the rest is not coming), or
     * until {@code timeout}. Returns how long that took.
     */
    public Duration awaitSettled(Collection<String> connectionIds, int expected, Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        int last = -1;
        int quiet = 0;
        while (Instant.now().isBefore(deadline)) {
            int applied = appliedCount(connectionIds);
            boolean idle = idle(connectionIds);
            if (idle && applied >= expected) {
                break;
            }
            quiet = idle && applied == last ? quiet + 1 : 0;
            if (quiet >= 5) {
                break;
            }
            last = applied;
            HubProcess.pause(Duration.ofSeconds(1));
        }
        return Duration.between(start, Instant.now());
    }

    private static final String RUN_COLUMNS = "id, connection_id, trigger, status, attempts, records_read, lease_owner,"
            + " error_message, queued_at, started_at, finished_at";

    private static RunRow run(ResultSet rs) throws SQLException {
        return new RunRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getString(8),
                instant(rs, 9),
                instant(rs, 10),
                instant(rs, 11));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Collection<String> ids, Row<T> row) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            statement.setArray(1, array);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private int count(String sql, Collection<String> ids) {
        return query(sql, ids, rs -> rs.getInt(1)).get(0);
    }

    private int single(String sql, Object... parameters) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
