package io.patchbay.bench;

import static io.patchbay.bench.TextTable.count;
import static io.patchbay.bench.TextTable.minMedian;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSetup;
import io.patchbay.support.hub.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pages at size: the support console's first page, the hub, a connection's page and one of its runs, opened in
 * Chromium at 10 connections with 10 runs, then again once the same database holds 10,000 connections and that
 * connection 1,000,000 runs with their logs. The figure is the server time of each page load (every request the page
 * made, from the hub's access log); the baseline is the same page at 10, in the same run. The goal: flat, within 2×.
 */
@ExtendWith(ServerLock.Held.class)
class ConsoleBenchIT {

    private static final int SMALL = 10;
    /** Loads of each page before the measured ones: the small phase runs first, on a JVM still compiling. */
    private static final int WARM_UPS = 5;

    private static final String PASSWORD = "patchbay-demo";

    private final BenchOptions options = BenchOptions.fromSystemProperties();

    @Test
    void theConsoleTheHubAConnectionAndARunOpenAsFastAtTenThousandConnectionsAndAMillionRunsAsAtTen() {
        var report = new BenchReport(
                "console",
                "Pages at size: " + count(options.connections()) + " connections and " + count(options.timelineRuns())
                        + " runs of one, beside the same pages at " + SMALL + " and " + SMALL,
                options);
        var each = new TextTable(
                "page",
                "at " + SMALL + " ms (min / median)",
                "at size ms (min / median)",
                "size/" + SMALL + " (median)",
                "document + UI round trips: at " + SMALL + " / at size ms (median)",
                "size/" + SMALL,
                "requests",
                "load before -> after");
        try (var bench = BenchRun.fresh(options, "console", "run", BenchRun::unlimitedSandboxCrm);
                var setup = HubSetup.beside(bench.settings(), bench.hubPort());
                HubProcess hub = bench.startHub("hub", accessLogged(bench.settings(), bench.directory()));
                var browser = new BrowserSession()) {
            Ledger ledger = bench.ledger();
            String big = setup.sandboxCrmContacts("Big CRM", Map.of(), BenchRun.DAILY);
            String run = ledger.runs(List.of(big)).get(0).id();
            Ledger.RunRow first = ledger.awaitRun(run, r -> !r.unfinished(), Duration.ofMinutes(2));
            if (!first.status().equals("succeeded")) {
                throw new AssertionError(
                        "The connection's first sync did not succeed: " + first + "\n" + hub.logTail());
            }
            awaitHealth(bench.database(), big);
            var seed = new SeededConnections(bench.database(), big, run);
            seed.connections(2, SMALL);
            seed.runsUpTo(SMALL);
            var pages = new Pages(
                    browser, hub.baseUrl(), new ServerTimes(bench.directory().resolve("access.log")), big, run);
            Map<String, Pages.Measured> small = pages.measure(options.runs());

            long seeding = System.nanoTime();
            seed.connections(SMALL + 1, options.connections());
            seed.runsUpTo(options.timelineRuns());
            Duration seeded = Duration.ofNanos(System.nanoTime() - seeding);
            Map<String, Pages.Measured> large = pages.measure(options.runs());

            small.forEach((page, atSmall) -> {
                Pages.Measured atSize = large.get(page);
                each.row(
                        page,
                        minMedian(atSmall.millis(), TextTable::millis),
                        minMedian(atSize.millis(), TextTable::millis),
                        TextTable.times(
                                atSize.millis().median() / atSmall.millis().median()),
                        TextTable.millis(atSmall.pageMillis().median()) + " / "
                                + TextTable.millis(atSize.pageMillis().median()),
                        TextTable.times(atSize.pageMillis().median()
                                / atSmall.pageMillis().median()),
                        atSmall.requests() + " / " + atSize.requests(),
                        atSmall.load() + " / " + atSize.load());
            });
            report.note("one hub process (-Xmx" + BenchRun.HUB_HEAP + ") and Chromium on this machine; each page is"
                            + " opened " + WARM_UPS + " times to warm up, then " + options.runs() + " times")
                    .note("server time: the sum of Tomcat's time (access log, %D) over every request the page made"
                            + " until the network was idle: the document, scripts, and each round trip of the UI")
                    .note("at size: " + count(options.connections()) + " connections of Acme (1 in 100 failing, 3"
                            + " degraded, 2 paused), and " + count(options.timelineRuns()) + " runs of the opened one,"
                            + " each with its log, cloned in SQL from what the hub made (" + seeded.toSeconds()
                            + " s); nothing analysed")
                    .note("pages: the support console (support, every tenant), the hub (admin, Acme), the"
                            + " connection's page (its newest runs) and its newest run's page")
                    .table("Each page", each);
        }
        report.publish();
    }

    /** The hub process (not the setup node) logs each request with the time it took, unbuffered, to {@code directory}. */
    private static io.patchbay.support.hub.HubSettings accessLogged(
            io.patchbay.support.hub.HubSettings settings, Path directory) {
        return settings.with("server.tomcat.accesslog.enabled", true)
                .with("server.tomcat.accesslog.directory", directory.toAbsolutePath())
                .with("server.tomcat.accesslog.prefix", "access")
                .with("server.tomcat.accesslog.suffix", ".log")
                .with("server.tomcat.accesslog.file-date-format", "")
                .with("server.tomcat.accesslog.rotate", false)
                .with("server.tomcat.accesslog.buffered", false)
                .with("server.tomcat.accesslog.pattern", ServerTimes.PATTERN);
    }

    private static void awaitHealth(BenchDatabase database, String connection) {
        for (int i = 0; i < 200; i++) {
            int[] evaluated = new int[1];
            database.query(
                    "select count(*) from connection_health where connection_id = ?::uuid and status is not null"
                            + " and stale_since is null",
                    rs -> evaluated[0] = rs.getInt(1),
                    connection);
            if (evaluated[0] == 1) {
                return;
            }
            HubProcess.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("The connection's health was not evaluated");
    }

    /** The four pages, each opened as the person who uses it. */
    private static final class Pages {

        record Measured(Samples millis, Samples pageMillis, int requests, String load) {}

        private final BrowserSession browser;
        private final String baseUrl;
        private final ServerTimes times;
        private final String connection;
        private final String run;

        Pages(BrowserSession browser, String baseUrl, ServerTimes times, String connection, String run) {
            this.browser = browser;
            this.baseUrl = baseUrl;
            this.times = times;
            this.connection = connection;
            this.run = run;
        }

        Map<String, Measured> measure(int runs) {
            Map<String, Measured> measured = new LinkedHashMap<>();
            Page page = browser.newPage();
            BrowserSession.signIn(page, baseUrl, "support", PASSWORD);
            measured.put("support console", open(page, "/console", ".console-open", runs));
            page = browser.newPage();
            BrowserSession.signIn(page, baseUrl, "admin", PASSWORD);
            measured.put("hub", open(page, "/", ".connection-health-grid a", runs));
            measured.put("connection", open(page, "/connections/" + connection, ".run-status", runs));
            measured.put("run", open(page, "/runs/" + run, ".run-log-count", runs));
            return measured;
        }

        private Measured open(Page page, String path, String shown, int runs) {
            var millis = new Samples();
            var pageMillis = new Samples();
            int requests = 0;
            String loadBefore = Machine.lastMinuteLoad();
            int warmUps = runs > 1 ? WARM_UPS : 1;
            for (int i = 0; i < warmUps + runs; i++) {
                times.mark();
                page.navigate(baseUrl + path);
                page.locator(shown).first().waitFor();
                page.waitForLoadState(LoadState.NETWORKIDLE);
                HubProcess.pause(Duration.ofMillis(200));
                ServerTimes.Sum sum = times.sinceMark();
                if (i >= warmUps) {
                    millis.add(sum.millis());
                    pageMillis.add(sum.pageMillis());
                    requests = sum.requests();
                }
            }
            return new Measured(millis, pageMillis, requests, loadBefore + " -> " + Machine.lastMinuteLoad());
        }
    }
}
