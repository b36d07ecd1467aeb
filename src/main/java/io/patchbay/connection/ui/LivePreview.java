package io.patchbay.connection.ui;

import com.vaadin.flow.component.UI;
import io.patchbay.connection.ConnectionMappings.MappingPreview;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The mapping editor's preview as one types: tried on the samples after a short pause in typing, on a thread of its
 * own rather than the request's, each one replacing (and interrupting) the one before, and shown by server push only
 * if nothing newer was asked for meanwhile. Every editor on this node shares its two threads.
 */
@Component
class LivePreview implements DisposableBean {

    static final Duration PAUSE = Duration.ofMillis(300);
    private static final Logger log = LoggerFactory.getLogger(LivePreview.class);

    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, work -> {
        Thread thread = new Thread(work, "mapping-preview");
        thread.setDaemon(true);
        return thread;
    });

    /** One editor's previews: what is pending and which one is the newest. Used under the editor's session lock. */
    final class Editor {
        private @Nullable Future<?> pending;
        private long newest;

        /** Tries {@code evaluation} after the pause, replacing what was pending, and shows it if it is still the newest. */
        void request(UI ui, Supplier<MappingPreview> evaluation, Consumer<MappingPreview> show) {
            cancel();
            long ticket = ++newest;
            pending = threads.schedule(
                    () -> {
                        try {
                            MappingPreview preview = evaluation.get();
                            ui.access(() -> {
                                if (ticket == newest) {
                                    show.accept(preview);
                                }
                            });
                        } catch (CancellationException replaced) {
                            // the next request answers
                        } catch (RuntimeException e) {
                            log.warn("A mapping preview failed", e);
                        }
                    },
                    PAUSE.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        void cancel() {
            if (pending != null) {
                pending.cancel(true);
                pending = null;
            }
        }
    }

    Editor editor() {
        return new Editor();
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
