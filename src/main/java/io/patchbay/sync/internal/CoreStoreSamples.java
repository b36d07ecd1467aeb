package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.CoreRecordSamples;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The core records a destination's mapping is tried on in the editor and the Validate step. */
@Component
class CoreStoreSamples implements CoreRecordSamples {

    private final CoreRecordFeed feed;

    CoreStoreSamples(CoreRecordFeed feed) {
        this.feed = feed;
    }

    @Override
    @Transactional(readOnly = true)
    public List<SourceRecord> samples(String entity, int limit) {
        return feed.newest(entity, limit);
    }
}
