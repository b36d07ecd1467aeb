package io.patchbay.connection.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * Where uploaded files are read and kept, off the request thread that received them: a few threads, so a burst of
 * large files queues instead of taking every core, and each task runs as the person who uploaded it.
 */
@Configuration(proxyBeanMethods = false)
public class UploadWorkers {

    public static final String NAME = "uploadExecutor";
    private static final int THREADS = 2;
    private static final int WAITING = 50;

    @Bean(name = NAME, destroyMethod = "")
    Executor uploadExecutor() {
        var counter = new AtomicInteger();
        var pool = new ThreadPoolExecutor(
                THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(WAITING), runnable -> {
                    Thread thread = new Thread(runnable, "upload-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        // each task wrapped as it is submitted, with the holder strategy in force then: Vaadin installs its own
        // strategy after this bean is made, so a DelegatingSecurityContextExecutor (which keeps the strategy of its
        // construction) would set the uploader's context where nothing reads it
        return task -> pool.execute(new DelegatingSecurityContextRunnable(task));
    }
}
