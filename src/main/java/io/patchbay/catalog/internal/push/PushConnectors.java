package io.patchbay.catalog.internal.push;

import io.patchbay.catalog.spi.Connector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The connectors that are sent their data: inbound webhooks and CSV uploads. */
@Configuration(proxyBeanMethods = false)
public class PushConnectors {

    @Bean
    Connector webhookConnector(ObjectMapper json) {
        return webhook(json);
    }

    @Bean
    Connector csvUploadConnector(ObjectMapper json) {
        return csvUpload(json);
    }

    /** For the certification kit and tools outside Spring. */
    public static Connector webhook(ObjectMapper json) {
        return new WebhookConnector(json);
    }

    public static Connector csvUpload(ObjectMapper json) {
        return new CsvUploadConnector(json);
    }
}
