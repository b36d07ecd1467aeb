package io.patchbay.connection;

import io.patchbay.catalog.spi.SourceRecord;
import java.util.List;

/**
 * Records other than a fresh read of the source that a mapping can be tried on in the editor: the quarantine offers
 * the records it holds, so that a fixed mapping is checked on them before it is saved.
 */
public interface MappingSamples {

    /** The key the editor's address names them by ({@code ?samples=quarantined}). */
    String key();

    /** What they are, as the editor offers them. */
    String label();

    /** Up to {@code limit} of the connection's records, as the source gave them. */
    List<SourceRecord> samples(ConnectionId connection, int limit);
}
