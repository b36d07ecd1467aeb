package io.patchbay.catalog;

import java.time.Instant;

/**
 * A built template's working copy, which solutions engineers edit as YAML before publishing it as a version.
 *
 * @param revision changes with every save: a save from an older revision is refused
 * @param published the newest published version; 0 before the first
 * @param audience the tenants it is offered to
 * @param retiredAt when it was taken out of every gallery; null while it is offered
 */
public record TemplateDraft(
        String id,
        String name,
        String yaml,
        int revision,
        int published,
        String createdBy,
        Instant updatedAt,
        TemplateAudience audience,
        @org.jspecify.annotations.Nullable Instant retiredAt) {}
