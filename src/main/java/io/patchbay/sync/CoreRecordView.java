package io.patchbay.sync;

import io.patchbay.connection.ConnectionId;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A core record as identity review shows it: its data and the external records (of which connections) it is. */
public record CoreRecordView(UUID coreId, String entity, JsonNode data, List<Link> links) {

    public CoreRecordView {
        links = List.copyOf(links);
    }

    /** One external record this core record is: a connection's external id. */
    public record Link(ConnectionId connection, String connectionName, String externalId) {

        public String describe() {
            return connectionName + " · " + externalId;
        }
    }
}
