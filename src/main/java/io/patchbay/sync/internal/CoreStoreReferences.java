package io.patchbay.sync.internal;

import io.patchbay.validation.ReferenceLookup;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reference rules looked up in the core store, for a setup's dry run (a sync's page looks up in its own write). */
@Component
class CoreStoreReferences implements ReferenceLookup {

    private final CoreStoreRepository coreStore;

    CoreStoreReferences(CoreStoreRepository coreStore) {
        this.coreStore = coreStore;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> existing(String entity, String field, Set<String> values) {
        return coreStore.existingValues(entity, field, values);
    }
}
