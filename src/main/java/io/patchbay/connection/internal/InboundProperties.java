package io.patchbay.connection.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Data pushed to connections: the address senders reach this hub at (webhook URLs are built on it) and how large a
 * webhook body or an uploaded file may be.
 */
@ConfigurationProperties("patchbay.inbound")
public record InboundProperties(
        String publicUrl,
        @DefaultValue("1MB") DataSize maxWebhookSize,
        @DefaultValue("20MB") DataSize maxUploadSize) {}
