package io.patchbay.sync.internal;

import io.patchbay.connection.ConnectionDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted connection's records in the core store: removed with it when the admin chose so, in the transaction that
 * deletes it; otherwise kept, and only its identity links go (with its row).
 */
@Component
class DeletedConnectionRecords {

    private static final Logger log = LoggerFactory.getLogger(DeletedConnectionRecords.class);

    private final CoreStoreRepository coreStore;

    DeletedConnectionRecords(CoreStoreRepository coreStore) {
        this.coreStore = coreStore;
    }

    @EventListener
    void on(ConnectionDeleted event) {
        if (event.removeRecords()) {
            int removed = coreStore.removeRecordsOf(event.connectionId());
            log.info("Removed {} core records with deleted connection {}", removed, event.connectionId());
        }
    }
}
