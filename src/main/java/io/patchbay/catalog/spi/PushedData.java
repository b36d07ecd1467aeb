package io.patchbay.catalog.spi;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Data pushed to Patchbay for one connection: a delivery to its webhook URL, or a file an admin uploaded. Header
 * names are kept lower-case; {@code receivedAt} is when Patchbay took it, the clock freshness checks compare with.
 */
public record PushedData(
        Map<String, String> headers, byte[] body, @Nullable String fileName, Instant receivedAt) {

    public PushedData {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
    }

    public static PushedData upload(String fileName, byte[] content, Instant receivedAt) {
        return new PushedData(Map.of(), content, fileName, receivedAt);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return "PushedData[" + body.length + " bytes" + (fileName == null ? "" : " from " + fileName) + "]";
    }
}
