package io.patchbay.catalog.internal.push;

import io.patchbay.catalog.spi.PushedRecord;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How every push connector reads: the records staged for its connection, in the order the runtime gives them, with
 * the place of the last one ({@code {"sequence": …, "position": …}}) as the checkpoint.
 */
final class PushedRecords {

    static final int PAGE_SIZE = 500;

    private PushedRecords() {}

    static ReadPage read(@Nullable JsonNode checkpoint, ReadContext context) {
        PushedRecord.Position after = checkpoint == null
                ? PushedRecord.Position.START
                : new PushedRecord.Position(
                        checkpoint.path("sequence").asLong(0),
                        checkpoint.path("position").asLong(0));
        List<PushedRecord> page = context.pushed(after, PAGE_SIZE);
        PushedRecord.Position last =
                page.isEmpty() ? after : page.get(page.size() - 1).position();
        return new ReadPage(
                page.stream().map(PushedRecord::record).toList(),
                JsonNodeFactory.instance
                        .objectNode()
                        .put("sequence", last.sequence())
                        .put("position", last.record()),
                page.size() == PAGE_SIZE);
    }
}
