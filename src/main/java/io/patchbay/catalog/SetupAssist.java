package io.patchbay.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Help a setup can get from the system on the other end, where that system offers it: credentials to fill in and
 * steps it can take itself (registering a webhook URL, say). The bundled sandbox implements it, so that the setup
 * wizard offers the demo's keys and its Register button without naming a sandbox system.
 */
public interface SetupAssist {

    /** Values for the draft's empty settings, by key (secrets included: they are shown masked). */
    Map<String, String> prefill(Draft draft);

    /** Steps the setup page offers the admin for this draft, in the order to show them. */
    List<Action> actions(Draft draft);

    /**
     * What an assist may know of a draft being set up.
     *
     * @param webhookUrl where the hub receives this connection's webhooks, for connectors that take them
     */
    record Draft(String templateId, String connector, JsonNode settings, Optional<String> webhookUrl) {

        public String setting(String key) {
            return settings.path(key).asString("");
        }
    }

    /** One step the admin can ask for; {@code run} does it and says what to fill in as a result. */
    record Action(String label, java.util.function.Supplier<Outcome> run) {}

    /**
     * How a step went: {@code summary} to show in place of the button when done, or why it was refused, and the
     * settings it gives (a signing secret, say).
     */
    record Outcome(boolean done, String summary, Map<String, String> fill) {

        public static Outcome done(String summary, Map<String, String> fill) {
            return new Outcome(true, summary, fill);
        }

        public static Outcome refused(String reason) {
            return new Outcome(false, reason, Map.of());
        }
    }
}
