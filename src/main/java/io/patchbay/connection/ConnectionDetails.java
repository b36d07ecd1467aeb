package io.patchbay.connection;

import org.jspecify.annotations.Nullable;

/**
 * The first setup step's input. {@code apiKey} is null or blank to keep the stored key.
 */
public record ConnectionDetails(String name, String baseUrl, @Nullable String apiKey) {

    @Override
    public String toString() {
        return "ConnectionDetails[name=" + name + ", baseUrl=" + baseUrl + ", apiKey=••••]";
    }
}
