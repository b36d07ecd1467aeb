package io.patchbay.catalog;

import java.util.List;

/**
 * Templates shipped from outside the catalog, in the template format: the bundled sandbox contributes its systems'
 * templates this way, so that no product code names a sandbox system.
 */
public interface TemplateSource {

    /** The template documents, in the order the gallery shows them. */
    List<TemplateDocument> templates();

    /** One template version as YAML, and where it came from (for messages). */
    record TemplateDocument(String source, String yaml) {}
}
