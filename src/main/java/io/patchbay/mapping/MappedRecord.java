package io.patchbay.mapping;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** An external record after mapping: the canonical fields, and what was wrong if it could not be mapped. */
public record MappedRecord(String externalId, ObjectNode data, List<RecordProblem> problems) {

    public MappedRecord {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The same record with more problems found (by a template's rules, say). */
    public MappedRecord withProblems(List<RecordProblem> more) {
        if (more.isEmpty()) {
            return this;
        }
        var all = new java.util.ArrayList<>(problems);
        all.addAll(more);
        return new MappedRecord(externalId, data, all);
    }
}
