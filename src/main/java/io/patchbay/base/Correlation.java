package io.patchbay.base;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The correlation id of the work the current thread does: a run's ({@code run-…}) while it executes, a request's
 * ({@code req-…}, or the caller's own {@value #HEADER}) while it is served. It is in every log line (MDC), sent on
 * outbound calls, and stored on the rows the work produces, so searching it finds everything it touched.
 */
public final class Correlation {

    public static final String MDC_KEY = "correlationId";
    public static final String HEADER = "X-Correlation-Id";

    /** What a caller's id may look like: printable, short, nothing that could break a log line or a header. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{6,64}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Correlation() {}

    /** The id of the work in progress on this thread, or null where there is none. */
    public static @Nullable String currentOrNull() {
        return MDC.get(MDC_KEY);
    }

    /** A new id, e.g. {@code req-3f9a0c12d4e7}. */
    public static String newId(String prefix) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }

    /** A caller's id if it is one we accept; null otherwise (a new one is made then). */
    public static @Nullable String accepted(@Nullable String given) {
        return given != null && ACCEPTED.matcher(given).matches() ? given : null;
    }
}
