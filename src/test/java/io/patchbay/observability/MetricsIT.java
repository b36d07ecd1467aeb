package io.patchbay.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What syncs do is on {@code /actuator/prometheus} by tenant and connector, for the scrape account only: not for
 * anyone without its credentials, nor for a person's sign-in.
 */
@IntegrationTest
class MetricsIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    RunService runs;

    @Autowired
    SandboxCrm crm;

    @Value("${server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSyncShowsInTheMetricsOfItsTenantAndConnectorForTheScrapeAccountOnly() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Metered Co");
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Metered CRM", Map.of(), 1440);
        new RunFixtures(runs, tenant.id()).awaitNewestFinished(connection.id());
        String tags = "connector=\"" + connection.connector() + "\"";
        String ofTenant = "tenant=\"" + tenant.id().value() + "\"";

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            String metrics = scrape("prometheus:patchbay-demo").body();
            assertThat(metrics)
                    .containsPattern("patchbay_runs_total\\{[^}]*" + tags + "[^}]*status=\"succeeded\"[^}]*" + ofTenant
                            + "[^}]*trigger=\"activation\"[^}]*} 1.0")
                    .containsPattern(
                            "patchbay_records_total\\{[^}]*outcome=\"written\"[^}]*" + ofTenant + "[^}]*} 300.0")
                    .containsPattern("patchbay_run_duration_seconds_count\\{[^}]*" + ofTenant)
                    .contains("patchbay_runs_queued");
        });

        assertThat(scrape(null).statusCode()).as("no credentials").isEqualTo(401);
        assertThat(scrape("prometheus:wrong").statusCode()).as("wrong password").isEqualTo(401);
        assertThat(scrape(TenantFixtures.adminOf(tenant) + ":" + TenantFixtures.PASSWORD)
                        .statusCode())
                .as("a person's account")
                .isEqualTo(401);
    }

    private HttpResponse<String> scrape(String credentials) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
