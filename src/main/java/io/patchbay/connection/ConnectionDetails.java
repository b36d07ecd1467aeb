package io.patchbay.connection;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first setup step's input: the connection's name, its non-secret settings, and secrets to store. A secret
 * left blank keeps the stored one.
 */
public record ConnectionDetails(String name, ObjectNode settings, Map<String, String> secrets) {

    public ConnectionDetails {
        settings = settings.deepCopy();
        secrets = Map.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "ConnectionDetails[name=" + name + ", settings=" + settings + ", secrets=" + secrets.keySet() + "]";
    }
}
