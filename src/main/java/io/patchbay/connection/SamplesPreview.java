package io.patchbay.connection;

import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.ConnectionMappings.CurrentMapping;
import io.patchbay.connection.ConnectionMappings.MappingPreview;
import io.patchbay.connection.ConnectionMappings.Sample;
import io.patchbay.mapping.InvalidMappingException;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.mapping.Mapping;
import io.patchbay.mapping.RecordProblem;
import io.patchbay.validation.RecordRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled mapping tried on the editor's samples, as a sync would try it: each record on the mapping's budget, all
 * of them together within the preview's time, stopped at the first record past its budget. CPU only, so it may run on
 * any thread.
 */
final class SamplesPreview {

    private final Mapping mapping;
    private final @Nullable RecordRules rules;
    private final CurrentMapping current;
    private final Duration total;

    /** @param rules the template's rules for a source's records; null for a destination (its schema holds them) */
    SamplesPreview(Mapping mapping, @Nullable RecordRules rules, CurrentMapping current, Duration total) {
        this.mapping = mapping;
        this.rules = rules;
        this.current = current;
        this.total = total;
    }

    MappingPreview of(List<SourceRecord> samples) {
        List<MappedRecord> output = new ArrayList<>();
        long deadline = System.nanoTime() + total.toNanos();
        for (SourceRecord sample : samples) {
            MappedRecord record = mapping.apply(sample.externalId(), sample.data());
            var stopped = record.problems().stream()
                    .filter(problem -> problem.kind() == RecordProblem.Kind.BUDGET)
                    .findFirst();
            if (stopped.isPresent()) {
                return failed("Sample " + (output.size() + 1) + " of " + samples.size() + ": "
                        + stopped.get().message());
            }
            output.add(record);
            if (System.nanoTime() > deadline && output.size() < samples.size()) {
                return failed("The preview was stopped after " + output.size() + " of " + samples.size()
                        + " samples: together they took longer than " + total.toMillis()
                        + " ms. Simplify the mapping.");
            }
        }
        List<MappedRecord> checked = rules == null ? output : rules.check(output);
        List<Sample> mapped = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            mapped.add(new Sample(samples.get(i), checked.get(i)));
        }
        return new MappingPreview(null, mapped, dropped(mapped));
    }

    /** The fields the target requires that no sample gets: the mapping drops them. */
    private List<String> dropped(List<Sample> samples) {
        if (samples.isEmpty() || current.target() == null || current.expression() == null) {
            return List.of();
        }
        List<String> dropped = new ArrayList<>();
        current.target().path("required").forEach(field -> {
            String name = field.asString();
            if (samples.stream().noneMatch(s -> s.mapped().data().has(name))) {
                dropped.add("/" + name);
            }
        });
        return dropped;
    }

    private static MappingPreview failed(String why) {
        return new MappingPreview(new InvalidMappingException(0, 0, why), List.of(), List.of());
    }
}
