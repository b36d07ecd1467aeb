package io.patchbay.security;

import static io.patchbay.db.Tables.AUDIT_ENTRY;
import static io.patchbay.db.Tables.CONNECTION;
import static io.patchbay.db.Tables.SYNC_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionService;
import io.patchbay.observability.HealthService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A canary secret goes through setup, Test connection, a failing run, health and audit; it must come out nowhere: not
 * in a log line, a stack trace, a stored row in clear, an error, a health reason or an audit entry.
 */
@IntegrationTest
class SecretHygieneIT {

    private static final String CANARY = "sbx_canary_5e1f0c7d9a2b";

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    RunService runs;

    @Autowired
    HealthService health;

    @Autowired
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    @Test
    void theCanaryIsNeverShownLoggedOrStoredInClear() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Canary Co");
        Connection connection = ConnectionFixtures.activeSandboxCrm(connections, crm, tenant.id(), "Canary CRM");

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        List<String> shown = new ArrayList<>();
        try {
            Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
                var details = ConnectionFixtures.sandboxDetails("Canary CRM", crm.apiUrl(), CANARY);
                shown.add(connections.testConnection(connection.id(), details).toString());
                shown.add(connections.saveDetails(connection.id(), details).toString());
                RunId run = runs.runNow(connection.id());
                await().atMost(Duration.ofSeconds(30))
                        .pollInSameThread()
                        .until(() -> runs.find(run).orElseThrow().status().finished());
                shown.add(runs.find(run).orElseThrow().toString());
                shown.add(health.overview(connections.find(connection.id()).orElseThrow())
                        .toString());
                shown.add(audit.entriesFor("connection", connection.id().toString(), 50)
                        .toString());
            });
        } finally {
            root.detachAppender(appender);
        }
        for (ILoggingEvent event : appender.list) {
            shown.add(event.getFormattedMessage());
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                shown.add(error.getMessage());
            }
        }
        assertThat(shown)
                .as("what the run, health and audit say")
                .anyMatch(line -> line.contains("The API key was rejected"));
        assertThat(shown).noneMatch(line -> line != null && line.contains(CANARY));

        var row = db.selectFrom(CONNECTION)
                .where(CONNECTION.ID.eq(connection.id().value()))
                .fetchSingle();
        assertThat(new String(row.getSecretCipher(), StandardCharsets.ISO_8859_1))
                .doesNotContain(CANARY);
        assertThat(row.getConfig().data() + row.getSecretHints().data()).doesNotContain(CANARY);
        assertThat(db.select(AUDIT_ENTRY.DETAILS).from(AUDIT_ENTRY).fetch().toString())
                .doesNotContain(CANARY);
        assertThat(db.select(SYNC_RUN.ERROR_MESSAGE, SYNC_RUN.ERROR_FIX)
                        .from(SYNC_RUN)
                        .fetch()
                        .toString())
                .doesNotContain(CANARY);
    }
}
