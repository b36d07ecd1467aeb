package io.patchbay.sync;

import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.MappingSamples;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** The mapping editor tries a mapping on the connection's quarantined records, newest first. */
@Component
class QuarantinedSamples implements MappingSamples {

    private final Quarantine quarantine;

    QuarantinedSamples(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public String key() {
        return "quarantined";
    }

    @Override
    public String label() {
        return "Records in quarantine";
    }

    @Override
    public List<SourceRecord> samples(ConnectionId connection, int limit) {
        return quarantine.records(QuarantineFilter.of(connection), null, limit).stream()
                .filter(record -> record.raw() instanceof ObjectNode)
                .map(record -> new SourceRecord(record.externalId(), (ObjectNode) record.raw()))
                .toList();
    }
}
