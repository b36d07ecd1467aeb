package io.patchbay.catalog.internal;

import io.patchbay.catalog.ConnectorCertification;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The committed record of what the certification kit proved, {@code classpath:connectors/certification.json}: one
 * entry per connector reference, {@code {"kit": 1, "passed": 10, "checks": 10, "certified": "2026-11-22"}}. The
 * catalog reads it for the Connectors page; each connector's certification test compares its own run with its entry
 * and fails, saying what to write, when they differ. JSON rather than YAML: every YAML file beside it is a manifest.
 */
public final class Certifications {

    private static final String RESOURCE = "/connectors/certification.json";

    private Certifications() {}

    /** Every entry by connector reference. A broken file stops the start: it is a bug in the build. */
    public static Map<String, ConnectorCertification> shipped() {
        try (InputStream in = Certifications.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Map<String, ConnectorCertification> entries = new LinkedHashMap<>();
            new ObjectMapper().readTree(in).properties().forEach(entry -> {
                String connector = entry.getKey();
                JsonNode fields = entry.getValue();
                entries.put(
                        connector,
                        new ConnectorCertification(
                                connector,
                                number(fields, connector, "kit"),
                                number(fields, connector, "passed"),
                                number(fields, connector, "checks"),
                                date(fields, connector)));
            });
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " is not valid JSON", e);
        }
    }

    private static int number(JsonNode fields, String connector, String name) {
        JsonNode value = fields.path(name);
        if (!value.canConvertToInt() || value.asInt() < 0) {
            throw new IllegalStateException(RESOURCE + ": " + connector + "." + name + " must be a whole number");
        }
        return value.asInt();
    }

    private static LocalDate date(JsonNode fields, String connector) {
        try {
            return LocalDate.parse(fields.path("certified").asString());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    RESOURCE + ": " + connector + ".certified must be a date such as 2026-11-22", e);
        }
    }
}
