package io.patchbay.catalog.spi;

import java.util.List;

/**
 * What a connector is: its id and version ({@code sandbox-crm@1}), the settings its setup form asks for and the
 * streams it can read.
 */
public record ConnectorSpec(
        String id,
        int version,
        String displayName,
        String description,
        List<SettingSpec> settings,
        List<StreamSpec> streams) {

    /** The versioned reference stored on connections, e.g. {@code sandbox-crm@1}. */
    public String reference() {
        return id + "@" + version;
    }

    /** A setting of the setup form. */
    public record SettingSpec(String key, String label, String help, boolean secret, boolean required) {}

    /** One entity the connector moves, with its primary key and the field its checkpoint follows. */
    public record StreamSpec(String name, String primaryKey, String cursorField, List<String> fields) {}
}
