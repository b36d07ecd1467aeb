package io.patchbay.certification;

import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSettings;
import org.jspecify.annotations.Nullable;

/**
 * What the certification kit needs to certify a connector against a live system: settings that work, settings with
 * wrong credentials, the setting that holds the base URL (the kit puts a fault-injecting proxy there), the stream to
 * read, and a way to change data at the source so an incremental read has something to find.
 *
 * @param changeSomething changes at least one record of {@code stream} at the source; null where the kit cannot
 *     change data (the incremental check then expects an empty read)
 */
public record Certification(
        Connector connector,
        ConnectorSettings settings,
        ConnectorSettings wrongCredentials,
        String baseUrlSetting,
        String stream,
        @Nullable Runnable changeSomething) {}
