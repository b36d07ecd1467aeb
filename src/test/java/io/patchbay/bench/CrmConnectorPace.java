package io.patchbay.bench;

import io.patchbay.support.hub.HubSetup;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox CRM connector's own pace, lifted for a benchmark where the connector lets a connection set it: the
 * largest page and practically no spacing between requests (as high as the setting's schema allows), so the figure is
 * the hub's and not the pace a real CRM would impose. Where the connector declares no such settings, nothing is
 * lifted and the report says so.
 */
record CrmConnectorPace(Map<String, Integer> settings) {

    /** Records per page, and requests per 10 s the connector allows itself. */
    private static final Map<String, Integer> LIFTED = Map.of("pageSize", 1_000, "rateLimit", 1_000_000);

    static CrmConnectorPace lifted(HubSetup setup) {
        JsonNode declared = setup.sandboxCrmSettings();
        Map<String, Integer> settings = new TreeMap<>();
        LIFTED.forEach((setting, value) -> {
            JsonNode schema = declared.get(setting);
            if (schema != null) {
                settings.put(setting, Math.min(value, schema.path("maximum").asInt(value)));
            }
        });
        return new CrmConnectorPace(Map.copyOf(settings));
    }

    /** For the report. */
    String describe() {
        return settings.isEmpty()
                ? "the connector's own pace NOT lifted (it declares no pageSize or rateLimit setting):"
                        + " the figure is that pace, not the hub's speed"
                : "the connector's pace lifted with " + new TreeMap<>(settings);
    }
}
