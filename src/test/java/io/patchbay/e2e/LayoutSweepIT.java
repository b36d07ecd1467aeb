package io.patchbay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.patchbay.connection.Connection;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every page whole at a phone's width (400 px) and a laptop's (1440 px), as each of the three users opens it: nothing
 * scrolls the page sideways, no button or link sits past the window's edge, no text is cut short with an ellipsis.
 * Measured on the page's own geometry ({@code layout/geometry.js}), not by eye; the screenshots are kept beside.
 */
class LayoutSweepIT extends BrowserJourney {

    private static final int[] WIDTHS = {400, 1440};
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Test
    void everyPageIsWholeAtAPhonesWidthAndALaptops() {
        Tenant operations = tenants.createOperatorTenant("layout-ops-" + System.nanoTime(), "Operations");
        String agent = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SUPPORT_AGENT);
        String engineer = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SOLUTIONS_ENGINEER);
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Wide Margins Incorporated International");
        Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> crm.spoilEmails(3));
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections,
                lifecycle,
                crm,
                customer.id(),
                "Customer relationship contacts of the northern region",
                Map.of(),
                1440);
        Run run = new RunFixtures(runs, customer.id()).awaitNewestFinished(connection.id());
        String id = connection.id().toString();

        List<String> problems = new ArrayList<>();
        look(
                TenantFixtures.adminOf(customer),
                "admin",
                problems,
                page -> {},
                List.of(
                        "",
                        "connections/" + id,
                        "connections/" + id + "/quarantine",
                        "connections/" + id + "/mapping",
                        "runs/" + run.id(),
                        "trace/" + run.correlationId(),
                        "quarantine",
                        "notices",
                        "identities",
                        "connectors",
                        "schemas",
                        "exceptions",
                        "network-exceptions",
                        "connections/new"));
        look(agent, "support", problems, page -> {}, List.of("", "console"));
        look(
                agent,
                "support",
                problems,
                page -> BrowserSession.chooseTenant(page, customer.name(), "Reading its connection at two widths"),
                List.of("connections/" + id, "runs/" + run.id(), "trace/" + run.correlationId(), "quarantine"));
        look(engineer, "engineer", problems, page -> {}, List.of("templates", "templates/sandbox-crm-contacts"));

        assertThat(problems).as("what a person cannot see whole").isEmpty();
    }

    /** Signs {@code user} in, does {@code first}, then opens each path at each width and measures it. */
    private void look(
            String user,
            String role,
            List<String> problems,
            java.util.function.Consumer<Page> first,
            List<String> paths) {
        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), user, TenantFixtures.PASSWORD);
        first.accept(page);
        for (String path : paths) {
            for (int width : WIDTHS) {
                page.setViewportSize(width, 900);
                page.navigate(baseUrl() + "/" + path);
                BrowserSession.settle(page, SETTLE);
                page.waitForTimeout(300); // the layout settles (at a phone's width the drawer folds away)
                @SuppressWarnings("unchecked")
                List<String> found = (List<String>) page.evaluate(GEOMETRY);
                String where = role + " at " + width + " px, /" + path.replaceAll("[0-9a-f-]{36}", "{id}") + ": ";
                found.forEach(problem -> problems.add(where + problem));
                BrowserSession.screenshot(
                        page,
                        "layout/" + role + "-"
                                + (path.isEmpty()
                                        ? "home"
                                        : path.replaceAll("[0-9a-f-]{36}", "id").replace('/', '-')) + "-" + width);
            }
        }
    }

    private static final String GEOMETRY = read("/layout/geometry.js");

    private static String read(String resource) {
        try (var in = LayoutSweepIT.class.getResourceAsStream(resource)) {
            return new String(java.util.Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
