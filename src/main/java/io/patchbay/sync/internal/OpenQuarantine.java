package io.patchbay.sync.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which of a stream's records wait in quarantine, as a run goes: read once when the run starts, and kept up to date
 * with what its pages quarantine and resolve. A page's valid records close open entries only when some of them have
 * one, so a connection with nothing in quarantine pays nothing per page for it; asking the database per page cost a
 * checked sync a third of its time (its plan, made while the table was empty, scanned every open entry per id).
 */
final class OpenQuarantine {

    private final Set<String> externalIds;

    OpenQuarantine(Set<String> externalIds) {
        this.externalIds = externalIds;
    }

    /** Those of {@code valid} that wait in quarantine; they no longer do. */
    List<String> resolvedBy(Collection<String> valid) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        List<String> resolved = new ArrayList<>();
        for (String id : valid) {
            if (externalIds.remove(id)) {
                resolved.add(id);
            }
        }
        return resolved;
    }

    void quarantined(Collection<String> ids) {
        externalIds.addAll(ids);
    }
}
