package io.patchbay.observability.ui;

import com.vaadin.flow.component.html.Span;
import io.patchbay.base.PersonalData;
import io.patchbay.observability.Health;
import io.patchbay.observability.HealthStatus;
import java.util.Locale;

/** A connection's health as a coloured badge; the reason shows on hover. */
class HealthBadge extends Span {

    HealthBadge(Health health) {
        this(health.status());
        getElement().setAttribute("title", PersonalData.mask(health.reason()));
    }

    HealthBadge(HealthStatus status) {
        super(status.label());
        addClassName("health-badge");
        getElement().setAttribute("data-health", status.name().toLowerCase(Locale.ROOT));
    }
}
