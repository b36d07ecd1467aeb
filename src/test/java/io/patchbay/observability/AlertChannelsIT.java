package io.patchbay.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.sandbox.SandboxMail;
import io.patchbay.sandbox.SandboxMailbox;
import io.patchbay.security.EgressExceptionService;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.PrivateNetwork;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.SignedWebhooks;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Notices reach people where they are: an email to the sandbox mailbox (GreenMail), once per episode and once for the
 * recovery; a signed webhook through the egress guard, retried while the receiver fails and given up when it refuses;
 * many notices at once each sent exactly once; only admins change channels, audited.
 */
@IntegrationTest
class AlertChannelsIT {

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

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
    HealthService health;

    @Autowired
    Notices notices;

    @Autowired
    AlertChannels channels;

    @Autowired
    SandboxMailbox mailbox;

    @Autowired
    SandboxCrm crm;

    @Autowired
    EgressExceptionService exceptions;

    @Autowired
    AuditService audit;

    @Test
    void aFailingConnectionEmailsItsAdminsOnceAndItsRecoveryOnce() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Emailed Co");
        String address = admin(tenant, mailbox::address);
        AlertChannel channel = admin(tenant, () -> channels.addEmail(address));
        assertThat(channel.kind()).isEqualTo(AlertChannel.Kind.EMAIL);

        var fixtures = new RunFixtures(runs, tenant.id());
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Mailing CRM", Map.of(), 1440);
        fixtures.awaitNewestFinished(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);
        setKey(tenant, connection, "sbx_wrong_key_0000");
        for (int i = 0; i < 4; i++) {
            fixtures.runNowAndWait(connection.id());
        }
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.FAILING);

        List<SandboxMail> alert = awaitMail(tenant, 1);
        assertThat(alert).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("[Patchbay] Mailing CRM is Failing");
            assertThat(mail.text())
                    .contains("The API key was rejected.", "Recommended fix:")
                    .contains("/connections/" + connection.id());
            assertThat(mail.messageId()).matches("<alert_\\d+@patchbay>");
        });

        setKey(tenant, connection, admin(tenant, crm::apiKey));
        for (int i = 0; i < HealthRules.RECENT_RUNS; i++) {
            fixtures.runNowAndWait(connection.id());
        }
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);
        List<SandboxMail> both = awaitMail(tenant, 2);
        assertThat(both)
                .extracting(SandboxMail::subject)
                .containsExactly("[Patchbay] Mailing CRM is connected again", "[Patchbay] Mailing CRM is Failing");

        List<Notice> told = admin(tenant, () -> notices.newest(10));
        assertThat(admin(
                        tenant,
                        () -> channels.deliveriesOf(
                                told.stream().map(Notice::id).toList())))
                .hasSize(2)
                .allSatisfy((notice, deliveries) -> assertThat(deliveries)
                        .singleElement()
                        .satisfies(delivery -> {
                            assertThat(delivery.state()).isEqualTo(NoticeDelivery.State.SENT);
                            assertThat(delivery.attempts()).isEqualTo(1);
                        }));
        assertThat(admin(tenant, channels::list)).singleElement().satisfies(shown -> {
            assertThat(shown.lastSentAt()).isNotNull();
            assertThat(shown.failing()).isNull();
            assertThat(shown.waiting()).isZero();
        });
    }

    @Test
    void aWebhookChannelIsSignedRetriedWhileItFailsAndGivenUpWhenRefused() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Hooked Co");
        String host = openPrivateNetwork(tenant);
        String base = "http://" + host + ":" + PrivateNetwork.expose(receiver.getPort());
        receiver.stubFor(post(urlPathEqualTo("/alerts"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("second"));
        receiver.stubFor(post(urlPathEqualTo("/alerts"))
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("up"));
        receiver.stubFor(post(urlPathEqualTo("/alerts"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        receiver.stubFor(post(urlPathEqualTo("/gone")).willReturn(aResponse().withStatus(410)));

        AlertChannels.AddedWebhook flaky = admin(tenant, () -> channels.addWebhook(base + "/alerts"));
        assertThat(flaky.signingSecret()).startsWith("whsec_");
        admin(tenant, () -> channels.addWebhook(base + "/gone"));
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Hooked CRM", Map.of(), 1440);
        Actors.as(
                tenant.id(),
                Role.SUPPORT_AGENT,
                () -> notices.sendFix(connection.id(), "Paste the API key again from the CRM's settings page"));

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(admin(tenant, channels::list))
                        .allSatisfy(channel -> assertThat(channel.waiting()).isZero()));
        List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlPathEqualTo("/alerts")));
        assertThat(posts).hasSize(3);
        assertThat(posts)
                .extracting(r -> r.getHeader("webhook-id"))
                .containsOnly(posts.get(0).getHeader("webhook-id"));
        LoggedRequest delivered = posts.get(2);
        String body = delivered.getBodyAsString();
        assertThat(delivered.getHeader("webhook-signature"))
                .isEqualTo(SignedWebhooks.sign(
                        flaky.signingSecret(),
                        delivered.getHeader("webhook-id"),
                        Long.parseLong(delivered.getHeader("webhook-timestamp")),
                        body));
        assertThat(body).contains("\"type\":\"notice.fix\"", "Paste the API key again", "/connections/");
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/gone"))))
                .as("a refusal is not retried")
                .hasSize(1);

        List<Notice> told = admin(tenant, () -> notices.newest(10));
        var deliveries = admin(
                        tenant, () -> channels.deliveriesOf(List.of(told.get(0).id())))
                .get(told.get(0).id());
        assertThat(deliveries)
                .extracting(NoticeDelivery::state, NoticeDelivery::attempts, NoticeDelivery::lastOutcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NoticeDelivery.State.SENT, 3, "HTTP 204"),
                        org.assertj.core.groups.Tuple.tuple(NoticeDelivery.State.FAILED, 1, "HTTP 410: refused"));
        assertThat(admin(tenant, channels::list))
                .filteredOn(channel -> channel.target().endsWith("/gone"))
                .singleElement()
                .satisfies(channel -> assertThat(channel.failing()).isEqualTo("HTTP 410: refused"));
    }

    @Test
    void aTestMessageSaysWhetherItGotThrough() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Tested Co");
        AlertChannel channel = admin(tenant, () -> channels.addEmail(mailbox.address()));
        AlertChannels.TestResult result = admin(tenant, () -> channels.sendTest(channel.id()));
        assertThat(result.sent()).as(result.detail()).isTrue();
        assertThat(awaitMail(tenant, 1))
                .singleElement()
                .satisfies(mail -> assertThat(mail.subject()).isEqualTo("[Patchbay] Test from Patchbay"));
    }

    @Test
    void onlyThoseWhoSetConnectionsUpChangeChannelsAndEveryChangeIsAudited() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Guarded Co");
        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Prying Co");
        AlertChannel channel = admin(tenant, () -> channels.addEmail("ops@guarded.example"));

        Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> {
            assertThat(channels.list()).extracting(AlertChannel::id).containsExactly(channel.id());
            assertThatThrownBy(() -> channels.addEmail("support@guarded.example"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> channels.remove(channel.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> channels.sendTest(channel.id())).isInstanceOf(AccessDeniedException.class);
        });
        admin(other, () -> {
            assertThat(channels.list()).isEmpty();
            assertThatThrownBy(() -> channels.setEnabled(channel.id(), false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> channels.remove(channel.id())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> channels.sendTest(channel.id())).isInstanceOf(IllegalArgumentException.class);
            return null;
        });

        admin(tenant, () -> {
            assertThatThrownBy(() -> channels.addEmail("not an address"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one email address");
            assertThatThrownBy(() -> channels.addEmail("ops@guarded.example"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already");
            assertThatThrownBy(() -> channels.addWebhook("http://hooks.example.com/x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rule:");
            channels.setEnabled(channel.id(), false);
            assertThat(channels.list())
                    .singleElement()
                    .satisfies(c -> assertThat(c.enabled()).isFalse());
            channels.setEnabled(channel.id(), true);
            channels.remove(channel.id());
            assertThat(channels.list()).isEmpty();
            assertThat(audit.entriesFor("alert_channel", channel.id().toString(), 10))
                    .extracting(entry -> entry.action())
                    .containsExactly(
                            "alert_channel.removed",
                            "alert_channel.enabled",
                            "alert_channel.paused",
                            "alert_channel.added");
            return null;
        });
    }

    @Test
    void addingManyChannelsAtOnceKeepsTheLimit() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Crowded Co");
        int adders = 2 * AlertChannels.MOST;
        List<Boolean> added = inParallel(adders, n -> {
            try {
                admin(tenant, () -> channels.addEmail("team" + n + "@crowded.example"));
                return true;
            } catch (IllegalArgumentException refused) {
                assertThat(refused).hasMessageContaining("the most it may have");
                return false;
            }
        });
        assertThat(added).filteredOn(Boolean::booleanValue).hasSize(AlertChannels.MOST);
        assertThat(admin(tenant, channels::list)).hasSize(AlertChannels.MOST);
    }

    @Test
    void manyNoticesAtOnceAreEachEmailedExactlyOnce() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Busy Co");
        admin(tenant, () -> channels.addEmail(mailbox.address()));
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Busy CRM", Map.of(), 1440);
        int senders = 12;
        inParallel(senders, n -> {
            Actors.as(
                    tenant.id(),
                    Role.SUPPORT_AGENT,
                    () -> notices.sendFix(connection.id(), "Fix number " + n + ": paste the key again"));
            return true;
        });
        List<SandboxMail> mails = awaitMail(tenant, senders);
        assertThat(mails).extracting(SandboxMail::messageId).doesNotHaveDuplicates();
        assertThat(mails)
                .extracting(SandboxMail::text)
                .allSatisfy(text -> assertThat(text).containsPattern("Fix number \\d+"));
        // nothing more comes later: each delivery was claimed once
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> mailbox.newest(100)))
                        .hasSize(senders));
    }

    /** Opens the tests' private network to the tenant, as an approved network exception does for a customer. */
    private String openPrivateNetwork(Tenant tenant) {
        Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> exceptions.request(PrivateNetwork.HOST, "Our on-call tool listens on the office network"));
        Actors.as(
                tenant.id(),
                Role.SOLUTIONS_ENGINEER,
                () -> exceptions.approve(
                        exceptions.list().get(0).id(), Instant.now().plus(Duration.ofDays(7)), "Checked"));
        return PrivateNetwork.HOST;
    }

    private List<SandboxMail> awaitMail(Tenant tenant, int count) {
        return await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> mailbox.newest(100)),
                        mails -> mails.size() >= count);
    }

    private static <T> List<T> inParallel(int count, java.util.function.IntFunction<T> work) throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                results.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return work.apply(n);
                }));
            }
            start.countDown();
            List<T> done = new ArrayList<>();
            for (Future<T> result : results) {
                done.add(result.get());
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    private void setKey(Tenant tenant, Connection connection, String key) {
        admin(
                tenant,
                () -> connections.saveDetails(
                        connection.id(),
                        connections.find(connection.id()).orElseThrow().version(),
                        ConnectionFixtures.sandboxDetails(connection.name(), crm.apiUrl(), key)));
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private static void admin(Tenant tenant, Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
