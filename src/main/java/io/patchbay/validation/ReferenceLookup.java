package io.patchbay.validation;

import java.util.Set;

/** Which values of a reference rule some core record has: the core store answers, for a dry run as for a sync. */
public interface ReferenceLookup {

    /** Those of {@code values} that some core record of {@code entity} has in {@code field}, in the current tenant. */
    Set<String> existing(String entity, String field, Set<String> values);
}
