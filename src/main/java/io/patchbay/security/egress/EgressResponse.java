package io.patchbay.security.egress;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response the guard let through: status, headers (lower-case names) and the body, within the size limit. */
public record EgressResponse(int status, Map<String, List<String>> headers, String body) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)))
                .filter(values -> !values.isEmpty())
                .map(values -> values.get(0));
    }
}
