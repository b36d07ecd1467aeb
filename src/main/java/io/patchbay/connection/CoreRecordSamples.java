package io.patchbay.connection;

import io.patchbay.catalog.spi.SourceRecord;
import java.util.List;

/**
 * What a destination's mapping is tried on in the editor and the Validate step: the tenant's newest core records of
 * the entity it writes, each named by its core id. The core store implements it.
 */
public interface CoreRecordSamples {

    /** Up to {@code limit} of the tenant's records of {@code entity}, newest first. */
    List<SourceRecord> samples(String entity, int limit);
}
