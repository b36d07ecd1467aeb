package io.patchbay.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.shared.Registration;
import io.patchbay.base.PostgresChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Server push for pages that show connections: when a connection's runs, health, quarantine, exceptions or notices
 * change, on any node (the database notifies {@value #CHANNEL} from triggers on those tables, at commit), each page
 * watching that connection (or its tenant) refreshes
 * itself, instead of every open page polling. Bursts (a run commits a page a few times a second) are folded into one
 * refresh per {@link #FOLD}. A page is only told that something changed; it reads what it shows as its user.
 */
@org.springframework.stereotype.Component
public class LiveUpdates implements SmartLifecycle {

    static final String CHANNEL = "patchbay_activity";
    private static final Duration FOLD = Duration.ofMillis(300);
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    /**
     * A change to what a page shows: a connection's runs, health, quarantine, exceptions or notices; or, naming the
     * {@link #NO_CONNECTION nil connection}, something of the tenant as a whole (a notice of no connection, a new
     * version of a template its connections are made from).
     */
    public record Activity(UUID tenant, UUID connection) {

        public static final UUID NO_CONNECTION = new UUID(0, 0);

        /** Whether this concerns that connection of that tenant, itself or the tenant as a whole. */
        public boolean concerns(UUID tenant, UUID connection) {
            return this.tenant.equals(tenant)
                    && (this.connection.equals(connection) || this.connection.equals(NO_CONNECTION));
        }

        static Optional<Activity> parse(String payload) {
            String[] parts = payload.split(" ");
            try {
                return parts.length == 2
                        ? Optional.of(new Activity(UUID.fromString(parts[0]), UUID.fromString(parts[1])))
                        : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private final PostgresChannel channel;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService folding = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-updates");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    LiveUpdates(DataSource dataSource) {
        this.channel = new PostgresChannel(dataSource, CHANNEL, this::heard, Duration.ofSeconds(5));
    }

    /**
     * Refreshes {@code ui} with {@code refresh} whenever activity it is {@code interested} in happens, until the
     * registration is removed (on detach) or the page is gone. Call from the page's own request.
     */
    public Registration watch(UI ui, Predicate<Activity> interested, Command refresh) {
        var watch = new Watch(ui, interested, refresh, SecurityContextHolder.getContext());
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    /**
     * Watches for as long as {@code page} is attached: from each attach (then refreshing it once, for what changed
     * between its first read and the watch) to the detach that follows.
     */
    public void whileAttached(Component page, Predicate<Activity> interested, Command refresh) {
        page.addAttachListener(attached -> {
            Registration watching = watch(attached.getUI(), interested, refresh);
            page.addDetachListener(detached -> {
                watching.remove();
                detached.unregisterListener();
            });
            refresh.execute();
        });
    }

    private void heard(String payload) {
        Activity.parse(payload).ifPresent(activity -> {
            for (Watch watch : watches) {
                if (watch.interested().test(activity)) {
                    watch.poke();
                }
            }
        });
    }

    private final class Watch {

        private final UI ui;
        private final Predicate<Activity> interested;
        private final Command refresh;
        private final SecurityContext security;
        private final AtomicBoolean pending = new AtomicBoolean();

        Watch(UI ui, Predicate<Activity> interested, Command refresh, SecurityContext security) {
            this.ui = ui;
            this.interested = interested;
            this.refresh = refresh;
            this.security = security;
        }

        Predicate<Activity> interested() {
            return interested;
        }

        void poke() {
            if (pending.compareAndSet(false, true)) {
                folding.schedule(this::push, FOLD.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void push() {
            pending.set(false);
            try {
                ui.access(() -> {
                    // the page reads as its signed-in user, as it did when it was opened. The command may run on a
                    // request thread that holds the session's lock (queued tasks run when it unlocks, possibly
                    // mid-request): that thread gets back exactly the context it had, never an empty one, or the
                    // rest of its request would run signed out (a page it opens then shows "Not found")
                    SecurityContext previous = SecurityContextHolder.getContext();
                    SecurityContextHolder.setContext(security);
                    try {
                        refresh.execute();
                    } finally {
                        SecurityContextHolder.setContext(previous);
                    }
                });
            } catch (UIDetachedException e) {
                watches.remove(this);
            } catch (RuntimeException e) {
                log.debug("A page could not be refreshed", e);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        channel.start();
    }

    @Override
    public void stop() {
        running = false;
        channel.stop();
        folding.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
