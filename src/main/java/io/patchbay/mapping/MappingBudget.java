package io.patchbay.mapping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one evaluation of a mapping may take, per record: {@code steps} (each node of the expression evaluated counts
 * one), {@code time} and how {@code depth} deep its functions may call each other; and the {@code previewTime} the
 * mapping editor's preview of all its samples may take together. A mapping of a few dozen fields takes a few hundred
 * steps and well under a millisecond a record.
 */
@ConfigurationProperties("patchbay.mapping.budget")
public record MappingBudget(
        @DefaultValue("200000") long steps,
        @DefaultValue("250ms") Duration time,
        @DefaultValue("64") int depth,
        @DefaultValue("2s") Duration previewTime) {

    /** The defaults, for tools and tests outside Spring. */
    public static final MappingBudget DEFAULT =
            new MappingBudget(200_000, Duration.ofMillis(250), 64, Duration.ofSeconds(2));
}
