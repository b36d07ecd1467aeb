package io.patchbay.mapping;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** An external record after mapping: the canonical fields, and what was wrong if it could not be mapped. */
public record MappedRecord(String externalId, ObjectNode data, List<String> problems) {

    public boolean valid() {
        return problems.isEmpty();
    }
}
