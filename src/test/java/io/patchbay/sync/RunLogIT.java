package io.patchbay.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Every run keeps its log: each request its connector made and each page it committed, searchable, its tenant's. */
@IntegrationTest
class RunLogIT {

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
    RunDetails details;

    @Autowired
    SandboxCrm crm;

    @Test
    void aRunsRequestsAndPagesAreLoggedWithItsCheckpointsAndOnlyItsTenantReadsThem() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Run Log Co");
        // pages of 100: the sandbox's 300 contacts take three requests and three pages
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Logged CRM", Map.of("pageSize", 100), 1440);
        Run run = new RunFixtures(runs, tenant.id()).awaitNewestFinished(connection.id());

        RunDetail detail = as(tenant, () -> details.find(run.id())).orElseThrow();
        assertThat(detail.run().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(detail.checkpointBefore()).isNull();
        assertThat(detail.checkpointAfter()).isNotBlank().isNotEqualTo("null");

        List<RunEvent> log = as(tenant, () -> details.log(run.id(), null));
        List<RunEvent> requests =
                log.stream().filter(e -> e.kind() == RunEvent.Kind.REQUEST).toList();
        List<RunEvent> pages =
                log.stream().filter(e -> e.kind() == RunEvent.Kind.PAGE).toList();
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(pages.getFirst().summary()).startsWith("Page committed: 100 read, 100 written, 0 quarantined");
        assertThat(requests).hasSizeGreaterThanOrEqualTo(3).allSatisfy(request -> {
            assertThat(request.summary())
                    .startsWith("GET " + crm.apiUrl() + "/contacts?")
                    .contains("→ 200 in ");
            assertThat(request.failed()).isFalse();
        });
        String apiKey = as(tenant, crm::apiKey);
        assertThat(log).noneSatisfy(line -> assertThat(line.summary()).contains(apiKey));
        assertThat(as(tenant, () -> details.log(run.id(), "PAGE COMMITTED"))).hasSameSizeAs(pages);

        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Not Theirs Co");
        assertThat(as(other, () -> details.find(run.id()))).isEmpty();
        assertThat(as(other, () -> details.log(run.id(), null))).isEmpty();
    }

    private static <T> T as(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
