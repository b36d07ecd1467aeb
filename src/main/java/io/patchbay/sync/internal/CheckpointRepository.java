package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.STREAM_CHECKPOINT;

import io.patchbay.connection.ConnectionId;
import io.patchbay.sync.RunId;
import io.patchbay.tenancy.CurrentTenant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Each stream's cursor, saved in the same transaction as the page of data it covers. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class CheckpointRepository {

    private final DSLContext db;

    CheckpointRepository(DSLContext db) {
        this.db = db;
    }

    /** The stream's checkpoint as JSON, or empty before the first page was committed. */
    public Optional<String> find(ConnectionId connection, String stream) {
        return db.select(STREAM_CHECKPOINT.CURSOR)
                .from(STREAM_CHECKPOINT)
                .where(
                        STREAM_CHECKPOINT.TENANT_ID.eq(CurrentTenant.require().value()),
                        STREAM_CHECKPOINT.CONNECTION_ID.eq(connection.value()),
                        STREAM_CHECKPOINT.STREAM.eq(stream))
                .fetchOptional(r -> r.value1().data());
    }

    public void save(ConnectionId connection, String stream, String cursor, RunId run) {
        db.insertInto(STREAM_CHECKPOINT)
                .set(STREAM_CHECKPOINT.TENANT_ID, CurrentTenant.require().value())
                .set(STREAM_CHECKPOINT.CONNECTION_ID, connection.value())
                .set(STREAM_CHECKPOINT.STREAM, stream)
                .set(STREAM_CHECKPOINT.CURSOR, JSONB.valueOf(cursor))
                .set(STREAM_CHECKPOINT.RUN_ID, run.value())
                .onConflict(STREAM_CHECKPOINT.CONNECTION_ID, STREAM_CHECKPOINT.STREAM)
                .doUpdate()
                .set(STREAM_CHECKPOINT.CURSOR, JSONB.valueOf(cursor))
                .set(STREAM_CHECKPOINT.RUN_ID, run.value())
                .set(STREAM_CHECKPOINT.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(STREAM_CHECKPOINT.TENANT_ID.eq(CurrentTenant.require().value()))
                .execute();
    }
}
