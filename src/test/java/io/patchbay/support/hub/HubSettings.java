package io.patchbay.support.hub;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings every hub of a scenario runs with, the setup hub in the test JVM and the hub processes alike, passed
 * as command-line arguments so that they win over {@code application.yml}: the demo profile (tenant Acme, the sandbox
 * systems) on the scenario's database and one vault keyset for every node; everything else as production has it.
 */
public record HubSettings(Map<String, String> properties) {

    /** A lease this short makes a killed node's runs free again within seconds rather than the default minute. */
    private static final String SHORT_LEASE = "5s";

    public static HubSettings of(Path scenario, HubDatabase database) {
        var properties = new LinkedHashMap<String, String>();
        properties.put("spring.profiles.active", "demo");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put(
                "patchbay.vault.keyset-file",
                scenario.resolve("vault-keyset.json").toString());
        return new HubSettings(Map.copyOf(properties));
    }

    public HubSettings with(String key, Object value) {
        var properties = new LinkedHashMap<>(this.properties);
        properties.put(key, String.valueOf(value));
        return new HubSettings(Map.copyOf(properties));
    }

    /**
     * A sandbox CRM with {@code contacts} contacts (seeded by the first hub to start on the database) that answers
     * {@code requests} requests per {@code per} and 429 beyond, so that a sync of them is paced and takes a while.
     */
    public HubSettings withSandboxCrm(int contacts, int requests, String per) {
        return with("patchbay.sandbox.crm.seed-contacts", contacts)
                .with("patchbay.sandbox.crm.rate-limit.requests", requests)
                .with("patchbay.sandbox.crm.rate-limit.per", per);
    }

    /** Runs whose node died are taken over within seconds, for scenarios that kill nodes. */
    public HubSettings withShortLease() {
        return with("patchbay.sync.lease", SHORT_LEASE);
    }

    public HubSettings onPort(int port) {
        return with("server.port", port);
    }

    List<String> asArguments() {
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }
}
