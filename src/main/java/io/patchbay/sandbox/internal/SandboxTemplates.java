package io.patchbay.sandbox.internal;

import io.patchbay.catalog.TemplateSource;
import io.patchbay.sandbox.SandboxProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The sandbox systems' templates ({@code classpath:sandbox/templates/}), with {@code {{sandbox.baseUrl}}} replaced by
 * where this hub serves the sandbox. Only when the sandbox is on: production offers none of them.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxTemplates implements TemplateSource {

    /** In the order the gallery shows them: the CRM first, as README's first five minutes use it. */
    private static final List<String> FILES = List.of(
            "sandbox-crm-contacts@1.yaml",
            "sandbox-crm-send-contacts@1.yaml",
            "sandbox-billing-invoices@1.yaml",
            "sandbox-billing-invoice-events@1.yaml",
            "sandbox-calendar-events@1.yaml");

    private final SandboxProperties properties;

    SandboxTemplates(SandboxProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<TemplateDocument> templates() {
        return FILES.stream()
                .map(file -> new TemplateDocument(
                        file, read("sandbox/templates/" + file).replace("{{sandbox.baseUrl}}", properties.baseUrl())))
                .toList();
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
