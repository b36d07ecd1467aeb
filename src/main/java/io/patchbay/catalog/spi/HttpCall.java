package io.patchbay.catalog.spi;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One request a connector made to the external system, as a run's log keeps it: the address without secrets (no
 * user info; the values of query parameters that name a key, token, secret, password, signature or code masked),
 * what came back and how long it took.
 *
 * @param status the HTTP status; 0 when no answer came
 * @param failure why no answer came (a timeout, a refused address); null when one did
 */
public record HttpCall(
        String method,
        String url,
        int status,
        long durationMillis,
        long bytes,
        @Nullable String failure) {

    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&][^=&]*(key|token|secret|password|passwd|signature|sig|code|auth)[^=&]*=)[^&#]*");

    /** {@code uri} as a log may show it. */
    public static String redacted(URI uri) {
        String text = uri.toString();
        if (uri.getRawUserInfo() != null) {
            text = text.replace(uri.getRawUserInfo() + "@", "");
        }
        return SECRET_PARAMETER.matcher(text).replaceAll("$1•••");
    }

    /** "GET https://crm.example/contacts?page=2 → 200 in 120 ms, 5.2 kB" */
    public String describe() {
        String outcome = failure != null ? "no answer: " + failure : String.valueOf(status);
        return method + " " + url + " → " + outcome + " in " + durationMillis + " ms"
                + (bytes > 0 ? ", " + size(bytes) : "");
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
