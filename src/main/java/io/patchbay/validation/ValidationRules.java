package io.patchbay.validation;

import java.util.List;

/**
 * A template's validation: its rules, and the share of a run's records that may be quarantined before the connection
 * counts as degraded.
 *
 * @param quarantineAbovePercent the connection is degraded when its last sync quarantined more than this share of the
 *     records it read
 */
public record ValidationRules(List<ValidationRule> rules, double quarantineAbovePercent) {

    public static final double DEFAULT_QUARANTINE_ABOVE_PERCENT = 5.0;
    public static final ValidationRules DEFAULT = new ValidationRules(List.of(), DEFAULT_QUARANTINE_ABOVE_PERCENT);

    public ValidationRules {
        rules = List.copyOf(rules);
    }

    /** A share as people read it: {@code 5}, {@code 2.5}. */
    public static String percent(double share) {
        return share == Math.rint(share) ? String.valueOf((long) share) : String.valueOf(share);
    }

    public boolean isDefault() {
        return rules.isEmpty() && quarantineAbovePercent == DEFAULT_QUARANTINE_ABOVE_PERCENT;
    }
}
