package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ResolvedConnection;
import io.patchbay.mapping.MappedRecord;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one way a page of source records reaches the core store: each record is mapped with the connection's mapping
 * (and checked against its entity's schema) before the page's transaction opens, then the valid ones are written
 * set-wise inside it. The run loop calls it for every page; validation rules and quarantine join it here.
 */
@Component
class RecordPipeline {

    private final CoreStoreRepository coreStore;

    RecordPipeline(CoreStoreRepository coreStore) {
        this.coreStore = coreStore;
    }

    /** Maps a page; CPU only, no transaction, no remote call. */
    MappedPage map(ResolvedConnection connection, List<SourceRecord> records) {
        List<MappedRecord> valid = new ArrayList<>(records.size());
        List<MappedRecord> invalid = new ArrayList<>();
        for (SourceRecord record : records) {
            MappedRecord mapped = connection.mapping().apply(record.externalId(), record.data());
            (mapped.valid() ? valid : invalid).add(mapped);
        }
        return new MappedPage(connection.entity(), valid, invalid);
    }

    /** Writes the page's valid records; inside the page's transaction. Returns how many records changed. */
    int write(ConnectionId connection, MappedPage page) {
        return coreStore.upsert(connection, page.entity(), page.valid());
    }

    /** A page after mapping: the records to write, and those that could not be, each with its problems. */
    record MappedPage(String entity, List<MappedRecord> valid, List<MappedRecord> invalid) {}
}
