package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ResolvedConnection;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.sync.RunId;
import io.patchbay.validation.IdentityRules;
import io.patchbay.validation.RecordRules;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one way records reach the core store, from a sync's pages and from reprocessing alike: each record is mapped
 * with the connection's mapping, checked against its entity's schema and the template's rules before the page's
 * transaction opens; inside it, references are looked up, the valid records are written set-wise and the others are
 * quarantined with why. Nothing is dropped: a record is either applied or in quarantine.
 */
@Component
class RecordPipeline {

    private final CoreStoreRepository coreStore;
    private final QuarantineRepository quarantine;
    private final boolean validate;

    RecordPipeline(CoreStoreRepository coreStore, QuarantineRepository quarantine, SyncProperties properties) {
        this.coreStore = coreStore;
        this.quarantine = quarantine;
        this.validate = properties.validateRecords();
    }

    /** What waits in quarantine of the connection's stream now, for a run to keep up to date as it writes. */
    OpenQuarantine openQuarantine(ConnectionId connection, String stream) {
        return new OpenQuarantine(quarantine.openExternalIds(connection, stream));
    }

    /** Maps and checks a page; CPU only, no transaction, no remote call. */
    MappedPage map(ResolvedConnection connection, List<SourceRecord> records) {
        List<MappedRecord> mapped = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            // unchecked (measuring what checking costs): whatever the mapping gave is written
            mapped.add(
                    validate
                            ? connection.mapping().apply(record.externalId(), record.data())
                            : connection.mapping().applyUnchecked(record.externalId(), record.data()));
        }
        if (!validate) {
            return new MappedPage(
                    connection.stream(),
                    connection.entity(),
                    new RecordRules(io.patchbay.validation.ValidationRules.DEFAULT),
                    connection.identity(),
                    records,
                    mapped);
        }
        RecordRules rules = new RecordRules(connection.validation());
        return new MappedPage(
                connection.stream(), connection.entity(), rules, connection.identity(), records, rules.check(mapped));
    }

    /** A page's records with their references looked up in the core store as it is now, nothing written. */
    List<MappedRecord> check(MappedPage page) {
        return page.rules().withReferences(page.records(), coreStore::existingValues);
    }

    /**
     * Writes a page inside its transaction: references looked up, valid records upserted (their open quarantine
     * entries closed, as the source now gives them valid), the rest quarantined.
     */
    Written write(ConnectionId connection, RunId run, String correlationId, MappedPage page, OpenQuarantine open) {
        // before any other lock of the page: people's quarantine actions on this connection wait for it, or it for them
        quarantine.lockConnection(connection);
        // inside the page's transaction: references resolve against what earlier pages wrote
        List<MappedRecord> checked = page.rules().withReferences(page.records(), coreStore::existingValues);
        List<MappedRecord> valid = new ArrayList<>(checked.size());
        List<QuarantineRepository.Entry> invalid = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            MappedRecord record = checked.get(i);
            if (record.valid()) {
                valid.add(record);
            } else {
                invalid.add(new QuarantineRepository.Entry(
                        record.externalId(), page.sources().get(i).data(), record.data(), record.problems()));
            }
        }
        int written = coreStore.upsert(connection, page.entity(), valid, page.identity(), correlationId);
        quarantine.resolvedAtSource(
                connection,
                page.stream(),
                open.resolvedBy(valid.stream().map(MappedRecord::externalId).toList()));
        quarantine.quarantine(connection, page.stream(), page.entity(), run, correlationId, invalid);
        open.quarantined(
                invalid.stream().map(QuarantineRepository.Entry::externalId).toList());
        return new Written(written, valid, invalid);
    }

    /** A page after mapping and the batch's checks: each source record beside what it became. */
    record MappedPage(
            String stream,
            String entity,
            RecordRules rules,
            IdentityRules identity,
            List<SourceRecord> sources,
            List<MappedRecord> records) {}

    /** What a page's write did: core records changed, and what was applied and quarantined. */
    record Written(int changed, List<MappedRecord> applied, List<QuarantineRepository.Entry> quarantined) {}
}
