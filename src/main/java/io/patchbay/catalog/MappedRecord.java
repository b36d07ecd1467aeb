package io.patchbay.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An external record after mapping: the canonical fields, and what was wrong if it could not be mapped. */
public record MappedRecord(String externalId, ObjectNode data, List<String> problems) {

    public boolean valid() {
        return problems.isEmpty();
    }
}
