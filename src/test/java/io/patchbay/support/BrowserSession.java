package io.patchbay.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Debian's Chromium driven by Playwright, headless, never a downloaded browser. Registered as a JUnit extension it
 * saves a screenshot of every open page when a test fails; {@link #screenshot} keeps named screens under
 * {@code target/screenshots/}.
 */
public final class BrowserSession implements TestWatcher, AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> CHROMIUM_FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private Playwright playwright;
    private com.microsoft.playwright.Browser chromium;
    private BrowserContext context;
    private BrowserContext second;

    public BrowserSession() {
        // what a page shows after a round trip or a push: waited for up to this long, so a busy machine only slows it
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
    }

    /**
     * Chromium, started on the first page asked for, and again after {@link #close}: one session may serve class after
     * class (the journeys' base holds one for all of them, each class closing it when done).
     */
    private com.microsoft.playwright.Browser chromium() {
        if (chromium == null) {
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            chromium = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(
                                    Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")))
                            .setArgs(CHROMIUM_FLAGS)
                            .setHeadless(true));
        }
        return chromium;
    }

    /** A fresh browser session (no cookies) with one page. */
    public Page newPage() {
        return newPage(Map.of());
    }

    /**
     * A fresh browser session (no cookies) with one page, sending these headers with every request (e.g. the
     * {@code X-Forwarded-For} a load balancer would add, to be a client of its own).
     */
    public Page newPage(Map<String, String> extraHeaders) {
        closeSecond();
        if (context != null) {
            context.close();
        }
        context = fresh(extraHeaders);
        return context.newPage();
    }

    /**
     * A second fresh session beside the current one, which stays open: another person at work while the first one's
     * page is on screen (what one does shows on the other's page without a reload). Closed with the next of these,
     * or the next {@link #newPage}.
     */
    public Page secondPage() {
        closeSecond();
        second = fresh(Map.of());
        return second.newPage();
    }

    private void closeSecond() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    private BrowserContext fresh(Map<String, String> extraHeaders) {
        BrowserContext fresh = chromium()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setViewportSize(1280, 860)
                        .setExtraHTTPHeaders(extraHeaders));
        // what a click waits for (the button to be there and enabled): as long as an assertion waits
        fresh.setDefaultTimeout(60_000);
        return fresh;
    }

    /** Signs in through the login form and waits for the hub. */
    public static void signIn(Page page, String baseUrl, String username, String password) {
        page.navigate(baseUrl + "/login");
        textbox(page, "Username").fill(username);
        textbox(page, "Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    /** A text input by its visible label (password fields also label their reveal button). */
    public static com.microsoft.playwright.Locator textbox(Page page, String label) {
        return page.getByRole(
                AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName(label).setExact(true));
    }

    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    /** The page as a phone shows it (400 px wide) as well, named {@code name-400}; the width is put back after. */
    /** As staff: Choose a tenant, say why, and work in it (recorded in that tenant's audit trail). */
    public static void chooseTenant(Page page, String tenant, String reason) {
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Choose a tenant"))
                .first()
                .click();
        var dialog = page.getByRole(com.microsoft.playwright.options.AriaRole.DIALOG);
        dialog.getByRole(
                        com.microsoft.playwright.options.AriaRole.COMBOBOX,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Tenant"))
                .fill(tenant);
        page.getByRole(com.microsoft.playwright.options.AriaRole.OPTION, new Page.GetByRoleOptions().setName(tenant))
                .click();
        dialog.getByLabel("Why").fill(reason);
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Work in this tenant"))
                .click();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Working in " + tenant)))
                .isVisible();
    }

    /**
     * Waits until the Vaadin client has nothing in flight, twice over, so that lazily loaded data has arrived; false
     * if it does not settle within {@code within} (a page that keeps failing, say).
     */
    public static boolean settle(Page page, java.time.Duration within) {
        String idle = "() => !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients)"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())";
        var options = new Page.WaitForFunctionOptions().setTimeout(within.toMillis());
        try {
            page.waitForFunction(idle, null, options);
            page.waitForTimeout(150);
            page.waitForFunction(idle, null, options);
            return true;
        } catch (com.microsoft.playwright.PlaywrightException e) {
            return false;
        }
    }

    public static void screenshotNarrow(Page page, String name) {
        var size = page.viewportSize();
        page.setViewportSize(400, 860);
        page.waitForTimeout(400); // the layout settles (the drawer folds away)
        screenshot(page, name + "-400");
        page.setViewportSize(size.width, size.height);
        page.waitForTimeout(200);
    }

    @Override
    public void testFailed(ExtensionContext extension, Throwable cause) {
        if (context != null) {
            int i = 0;
            for (Page page : context.pages()) {
                screenshot(page, "FAILED-" + extension.getDisplayName().replaceAll("[^A-Za-z0-9]+", "-") + "-" + i++);
            }
        }
    }

    @Override
    public void close() {
        if (chromium != null) {
            chromium.close();
            playwright.close();
        }
        chromium = null;
        playwright = null;
        context = null;
        second = null;
    }
}
