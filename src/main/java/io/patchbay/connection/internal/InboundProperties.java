package io.patchbay.connection.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Data pushed to connections: the address senders reach this hub at (webhook URLs are built on it) and how large a
 * webhook body or an uploaded file may be, and how many deliveries failing their signature check a sender's address
 * and a connection may see a minute before they are answered 429 ({@link ForgedDeliveries}).
 */
@ConfigurationProperties("patchbay.inbound")
public record InboundProperties(
        String publicUrl,
        @DefaultValue("1MB") DataSize maxWebhookSize,
        @DefaultValue("20MB") DataSize maxUploadSize,
        @DefaultValue("20") int forgedPerClientPerMinute,
        @DefaultValue("100") int forgedPerConnectionPerMinute) {}
