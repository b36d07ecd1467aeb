package io.patchbay.catalog.internal.templates;

import io.patchbay.catalog.TemplateSource;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The product's own templates, under {@code classpath:templates/}; the gallery shows them after contributed ones. */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ProductTemplates implements TemplateSource {

    @Override
    public List<TemplateDocument> templates() {
        return TemplateFiles.shipped();
    }
}
