package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.internal.manifest.ConnectorManifest.Stream;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.WriteResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A manifest connector as a destination: each record upserted with its stream's {@code write} request, in order. */
final class ManifestWrites {

    private final ConnectorManifest manifest;
    private final HttpExchange http;
    private final Pacing pacing;
    private final ManifestRequests requests;

    ManifestWrites(ConnectorManifest manifest, HttpExchange http, Pacing pacing, ManifestRequests requests) {
        this.manifest = manifest;
        this.http = http;
        this.pacing = pacing;
        this.requests = requests;
    }

    WriteResult write(ManifestConnector.Config cfg, Stream stream, List<ObjectNode> records) {
        ConnectorManifest.Write write = stream.write();
        if (write == null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    manifest.name() + " can only be read from its stream '" + stream.name() + "'.",
                    "Choose a stream the connector can write to.");
        }
        Pacing.Turns turns = pacing.turns(cfg.baseUrl(), cfg.settings());
        ReadContext context = writing();
        int written = 0;
        List<WriteResult.Refusal> refused = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ObjectNode record = records.get(i);
            JsonNode key = record.get(write.key());
            if (key == null || key.isNull() || key.asString().isBlank()) {
                refused.add(new WriteResult.Refusal(
                        i, "It has no '" + write.key() + "', which " + manifest.name() + " finds records by."));
                continue;
            }
            URI uri = URI.create(cfg.baseUrl()
                    + Templates.renderPath(write.path(), cfg.settings().values(), record));
            HttpExchange.Fetched answer;
            try {
                answer = requests.renewingCredentials(
                        cfg,
                        () -> http.writeWithRetries(
                                write.method(), uri, requests.headers(cfg), record.toString(), turns, context));
            } catch (HttpExchange.RecordRefusedException refusal) {
                refused.add(new WriteResult.Refusal(i, refusal.error().message()));
                continue;
            }
            boolean unchanged = write.unchanged() != null
                    && write.unchanged()
                            .equals()
                            .equals(answer.body().at(write.unchanged().path()).asString(null));
            if (!unchanged) {
                written++;
            }
        }
        return new WriteResult(written, refused);
    }

    /** Writes run outside a read: they are not cancelled, and waits they are asked for are not a run's to show. */
    private static ReadContext writing() {
        String correlationId = "write-" + UUID.randomUUID();
        return new ReadContext() {
            @Override
            public String correlationId() {
                return correlationId;
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void throttled(java.time.Duration waited) {}
        };
    }
}
