package io.patchbay.catalog;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A template's policy rules on the connections made from it. A connection that breaks one is not activated (and a
 * change that would break one is not saved) unless a solutions engineer approved an exception for it.
 *
 * @param minScheduleMinutes syncs no more often than this
 * @param maxSettings integer settings capped, by name (a page size, a request rate)
 * @param mustMap canonical fields the mapping must give
 * @param noPersonalData whether the mapping may not give fields the entity's schema marks as personal data
 */
public record TemplateGuardrails(
        @Nullable Integer minScheduleMinutes,
        Map<String, Integer> maxSettings,
        List<String> mustMap,
        boolean noPersonalData) {

    public static final TemplateGuardrails NONE = new TemplateGuardrails(null, Map.of(), List.of(), false);

    public TemplateGuardrails {
        maxSettings = Map.copyOf(maxSettings);
        mustMap = List.copyOf(mustMap);
    }

    public boolean none() {
        return equals(NONE);
    }
}
