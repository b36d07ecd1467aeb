package io.patchbay.certification;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.patchbay.catalog.internal.manifest.ManifestConnectors;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.security.egress.EgressProperties;
import io.patchbay.security.egress.TestEgress;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Certifies any manifest against a live system, for partners:
 *
 * <pre>./mvnw -Pcertify -Dmanifest=path/to/connector.yaml -Dsettings=path/to/settings.json</pre>
 *
 * <p>The settings file holds {@code values} (non-secret settings), {@code secrets}, {@code wrongSecrets} (for the
 * bad-credentials check), {@code stream}, and optionally {@code baseUrlSetting} (default {@code baseUrl}) and
 * {@code allowedHosts} (hosts the egress guard may reach over plain http or on private addresses, e.g. a local test
 * system). Skipped when no manifest is named.
 */
class ManifestCertificationIT {

    @TestFactory
    Stream<DynamicTest> manifestIsCertified() throws Exception {
        String manifest = System.getProperty("manifest", "");
        String settingsFile = System.getProperty("settings", "");
        assumeTrue(!manifest.isBlank() && !settingsFile.isBlank(), "no -Dmanifest and -Dsettings given");
        ObjectMapper json = new ObjectMapper();
        JsonNode settings = json.readTree(Files.readString(Path.of(settingsFile)));
        List<String> allowed = new ArrayList<>();
        settings.path("allowedHosts").forEach(host -> allowed.add(host.asString()));
        var egress = TestEgress.reachingLoopback(new EgressProperties(
                allowed, Duration.ofSeconds(5), Duration.ofSeconds(10), DataSize.ofMegabytes(10), 3));
        Connector connector;
        try (InputStream in = Files.newInputStream(Path.of(manifest))) {
            connector = new ManifestConnectors(egress, json).load(manifest, in);
        }
        ObjectNode values = (ObjectNode) settings.path("values");
        return CertificationKit.certify(new Certification(
                connector,
                new ConnectorSettings(values, strings(settings.path("secrets"))),
                new ConnectorSettings(values, strings(settings.path("wrongSecrets"))),
                settings.path("baseUrlSetting").asString("baseUrl"),
                settings.path("stream").asString(),
                null));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties()
                .forEach(field -> map.put(field.getKey(), field.getValue().asString()));
        return map;
    }
}
