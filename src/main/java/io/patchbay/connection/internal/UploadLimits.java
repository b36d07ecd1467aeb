package io.patchbay.connection.internal;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The servlet's multipart limits, which uploads from the browser pass through, follow the upload limit the forms
 * state ({@code patchbay.inbound.max-upload-size}); Spring Boot's default of 1 MB refused larger files before
 * Patchbay saw them. Files over a megabyte are spooled to disk while they arrive.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    /** Room for the multipart envelope around the largest file. */
    private static final DataSize ENVELOPE = DataSize.ofKilobytes(64);

    @Bean
    MultipartConfigElement multipartConfig(InboundProperties inbound) {
        var factory = new MultipartConfigFactory();
        factory.setMaxFileSize(inbound.maxUploadSize());
        factory.setMaxRequestSize(DataSize.ofBytes(inbound.maxUploadSize().toBytes() + ENVELOPE.toBytes()));
        factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }
}
