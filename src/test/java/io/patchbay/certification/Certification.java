package io.patchbay.certification;

import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.PushedData;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the certification kit needs to certify a connector against a live system: settings that work, settings with
 * wrong credentials, the setting that holds the base URL (the kit puts a fault-injecting proxy there), the stream to
 * read, and a way to change data at the source so an incremental read has something to find.
 *
 * @param baseUrlSetting the setting holding an HTTP connector's base URL, where the kit puts its fault-injecting
 *     proxy; null for connectors that do not speak HTTP
 * @param changeSomething changes at least one record of {@code stream} at the source; null where the kit cannot
 *     change data (the incremental check then expects an empty read)
 * @param writeStream for connectors that write: the stream to write {@code sampleRecords} to
 * @param pushed for connectors that are sent their data: what is sent, see {@link #pushed}
 */
public record Certification(
        Connector connector,
        ConnectorSettings settings,
        @Nullable ConnectorSettings wrongCredentials,
        @Nullable String baseUrlSetting,
        String stream,
        @Nullable Runnable changeSomething,
        @Nullable String writeStream,
        List<ObjectNode> sampleRecords,
        List<PushedData> pushed,
        @Nullable PushedData refused,
        @Nullable String writeKey) {

    /** A connector that reads, and maybe writes. */
    public Certification(
            Connector connector,
            ConnectorSettings settings,
            ConnectorSettings wrongCredentials,
            @Nullable String baseUrlSetting,
            String stream,
            @Nullable Runnable changeSomething,
            @Nullable String writeStream,
            List<ObjectNode> sampleRecords) {
        this(
                connector,
                settings,
                wrongCredentials,
                baseUrlSetting,
                stream,
                changeSomething,
                writeStream,
                sampleRecords,
                List.of(),
                null,
                null);
    }

    /**
     * A connector that reads and writes, where the system finds written records by {@code writeKey} (an email,
     * say) rather than by the primary key it assigns.
     */
    public Certification writingBy(String writeKey) {
        return new Certification(
                connector,
                settings,
                wrongCredentials,
                baseUrlSetting,
                stream,
                changeSomething,
                writeStream,
                sampleRecords,
                pushed,
                refused,
                writeKey);
    }

    /** A connector that only reads. */
    public Certification(
            Connector connector,
            ConnectorSettings settings,
            ConnectorSettings wrongCredentials,
            @Nullable String baseUrlSetting,
            String stream,
            @Nullable Runnable changeSomething) {
        this(connector, settings, wrongCredentials, baseUrlSetting, stream, changeSomething, null, List.of());
    }

    /**
     * A connector that is sent its data (webhooks, uploads).
     *
     * @param wrongSettings settings the connector must refuse as AUTH or CONFIG; null where it has no credentials
     * @param pushed authentic, usable data, at least two messages, in the order they arrive
     * @param refused data the connector must refuse as AUTH (not authentic) or DATA (unusable)
     */
    public static Certification pushed(
            Connector connector,
            ConnectorSettings settings,
            @Nullable ConnectorSettings wrongSettings,
            String stream,
            List<PushedData> pushed,
            PushedData refused) {
        return new Certification(
                connector,
                settings,
                wrongSettings,
                null,
                stream,
                null,
                null,
                List.of(),
                List.copyOf(pushed),
                refused,
                null);
    }
}
