package io.patchbay.connection.ui;

import io.patchbay.base.Dates;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.tenancy.Tenant;
import java.util.List;
import java.util.stream.Collectors;

/** Who sees a built template in their gallery, in words, the same on the template's page and in the list. */
final class TemplateOffer {

    private TemplateOffer() {}

    /** "offered to every tenant", "offered to Acme, Globex", "retired 8 Dec 2026: in no gallery", … */
    static String describe(TemplateDraft template, List<Tenant> tenants) {
        if (template.retiredAt() != null) {
            return "retired " + Dates.day(template.retiredAt()) + ": in no gallery";
        }
        if (template.published() == 0) {
            return "in no gallery until published";
        }
        if (template.audience().everyone()) {
            return "offered to every tenant";
        }
        return "offered to "
                + tenants.stream()
                        .filter(tenant -> template.audience().includes(tenant.id()))
                        .map(Tenant::name)
                        .sorted()
                        .collect(Collectors.joining(", "));
    }
}
