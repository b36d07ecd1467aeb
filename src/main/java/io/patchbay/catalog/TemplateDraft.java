package io.patchbay.catalog;

import java.time.Instant;

/**
 * A built template's working copy, which solutions engineers edit as YAML before publishing it as a version.
 *
 * @param revision changes with every save: a save from an older revision is refused
 * @param published the newest published version; 0 before the first
 */
public record TemplateDraft(
        String id, String name, String yaml, int revision, int published, String createdBy, Instant updatedAt) {}
